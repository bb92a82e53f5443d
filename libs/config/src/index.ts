// Config: the typed app configuration, its module and the env-file loader.
export { AppConfig, exitOnConfigError, loadAppConfig, localBaseUrlProblem } from './app-config';
export { ConfigModule } from './config.module';
export { loadEnvFile } from './load-env-file';
