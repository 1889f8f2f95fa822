export { startStack, type RunningStack, type StackOptions } from './start-stack';
export { seedDemo, type DemoData } from './seed/demo-seed';
export { CylinderActivity, DepotLineFeed } from './seed/cylinder-activity';
