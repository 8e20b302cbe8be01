/** `npm run test:quick`: only the "quick" project of jest.config.js (pure unit tests, no build needed). */
import config from './jest.config.js';

export default { ...config, projects: config.projects.filter((p) => p.displayName === 'quick') };
