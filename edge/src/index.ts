export { TankSimulator, type TankSimulatorOptions } from './simulator/tank-simulator';
export { stepLevel, temperatureAt, vapourPressureKPa, type SimulatedTank, type TankScenario } from './simulator/tank-scenarios';
