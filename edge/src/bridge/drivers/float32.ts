/**
 * A float32 carries about 7 significant decimal digits; printing its exact binary value publishes
 * noise (48.97 arrives as 48.970001220703125). Both drivers read float32s: Modbus registers, TLS fields.
 */
export const float32Digits = (value: number): number => Number(value.toPrecision(7));
