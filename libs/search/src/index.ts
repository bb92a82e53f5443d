// Search: the module (the one search box's endpoint) and its kinds.
export { SearchModule } from './search.module';
export { SearchKind } from './dto/search.dto';
