// Results: the module (venue results, the edition report and comparison).
export { ResultsModule } from './results.module';
