/**
 * main.ts's first import: reads the configuration (stopping with one line on a bad variable) and
 * starts OpenTelemetry tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set — before Nest, Express or pg
 * are required, as the instrumentations patch those modules when they load. Nothing else is imported
 * here, for the same reason.
 */
import 'reflect-metadata';
import { exitOnConfigError, loadAppConfig, loadEnvFile } from '@app/config';
import { startTracing } from '@app/telemetry';

loadEnvFile();
const config = exitOnConfigError(loadAppConfig);
startTracing({ serviceName: 'ngayhoi-worker', endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT });
