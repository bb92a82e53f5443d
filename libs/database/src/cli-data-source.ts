/** For the TypeORM CLI (`npm run migration:generate`): reads config/.env and the environment. */
import { loadAppConfig, loadEnvFile } from '@app/config';
import { createDataSource } from './data-source';

loadEnvFile();
export default createDataSource(loadAppConfig());
