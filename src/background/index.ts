import { browser } from '../platform/browser.ts';

browser.runtime.onInstalled.addListener(() => undefined);
