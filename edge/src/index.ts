export { GatewaySimulator, type GatewaySimulatorOptions, type SimulatedDetector, type SimulatedValve } from './simulator/gateway-simulator';
export { FillingLine, type FillingLineOptions, type SimulatedCylinder, type SimulatedScale } from './simulator/filling-line';
export { defaultLeakSchedule, leakLelAt, type LeakSchedule } from './simulator/safety-scenarios';
export { stepLevel, temperatureAt, vapourPressureKPa, type SimulatedTank, type TankScenario } from './simulator/tank-scenarios';
export { ForecourtSimulator, type ForecourtOptions, type SimulatedFuelPump } from './simulator/forecourt';
export { defaultForecourtPace, type ForecourtPace } from './simulator/forecourt-incidents';
export type { ForecourtCard, CustomerMixOptions } from './simulator/forecourt-customers';
export { DartForecourt, type DartForecourtOptions } from './simulator/forecourt-dart';
export { MallSimulator, type MallMeter, type MallSimulatorOptions } from './simulator/mall';
