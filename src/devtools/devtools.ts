/** The DevTools page: registers the "CORS" panel. Real work lives in the worker and the panel. */
import { browser } from '../platform/browser.ts';

void browser.devtools.panels.create('CORS', '/icons/icon-16.png', '/src/panel/panel.html');
