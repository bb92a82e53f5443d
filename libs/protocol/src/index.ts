// Protocol: the module, and the pure rules of precedence and seating (the console names groups from them).
export { ProtocolModule } from './protocol.module';
export { PRECEDENCE_GROUP_NAMES, PrecedenceGroup } from './protocol-rules';
export { ProtocolService } from './protocol.service';
export { passCode } from './pass-rules';
