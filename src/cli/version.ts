/** The package's name and version, from package.json (bundled into dist/cli by Vite). */
import packageJson from '../../package.json' with { type: 'json' };

export const CLI_NAME = 'cors-inspector';
export const CLI_VERSION: string = packageJson.version;
