/**
 * Valid values of the input types the schema walker cannot make valid on its own (a strapping table
 * must rise, a user needs a real password …), shared by every suite that walks the schema. Ids are
 * written as the type in angle brackets (`"<Site>"`): the walker puts the suite's target id there.
 * A new input type that needs one is added here once, for every suite.
 */
export const schemaSamples: Record<string, unknown> = {
  CreateSiteInput: { code: 'PROBE', name: 'probe site' },
  UpdateSiteInput: { name: 'probe site' },
  CreateTankInput: { siteId: '<Site>', name: 'probe tank', product: 'LPG', capacityLiters: 1000, densityKgPerL: 0.5 },
  StrappingTableInput: {
    points: [
      { levelMm: 0, volumeLiters: 0 },
      { levelMm: 1000, volumeLiters: 1000 },
    ],
  },
  CreateApiKeyInput: { name: 'probe key', scopes: ['tanks:read'] },
  CreateUserInput: { email: 'probe@demo.example', name: 'probe', role: 'VIEWER', password: 'probe password 123' },
  TankDesiredStateInput: { inletValveOpen: true },
  RecordContractInput: { number: 'PROBE-K', validFrom: '2026-01-01', validUntil: '2027-01-01', payment: 'PREPAID', billing: 'BY_CYLINDER' },
  IssueGasPermitInput: { validUntil: '2099-01-01' },
  TransferOwnershipInput: { name: 'probe holder', phones: ['13800000000'] },
  CreateServiceOrderInput: { type: 'DELIVERY', customerId: '<Customer>', requestedDate: '2099-01-01', timeSlot: '09:00-12:00' },
  RegisterCylinderInput: {
    serial: 'PROBE-1',
    tag: 'PROBE-TAG-1',
    specCode: 'YSP35.5',
    manufacturer: 'probe',
    manufacturedOn: '2024-01-01',
    ownerCompany: 'PROBE',
    locationSiteId: '<Site>',
  },
  SaveFillingStationInput: { siteId: '<Site>', company: 'PROBE' },
  RegisterFillingScaleInput: { id: 'probe-scale', stationId: '<Site>', name: 'probe scale' },
  CreateTransferOrderInput: { type: 'FULL_OUT', fromSiteId: '<Site>', toSiteId: '<Store>', lines: [{ specCode: 'YSP35.5', planned: 1 }] },
  SignOffTransferInput: { receivedTags: ['PROBE-TAG-1'] },
  OpenFillingOrderInput: { stationId: '<Site>', shiftDate: '2099-01-01', shift: 'DAY', specCode: 'YSP35.5' },
  HandOverCylinderInput: { cylinderId: '<Cylinder>', customerId: '<Customer>', storeId: '<Store>', loanDueOn: '2099-01-01', idempotencyKey: 'probe-1' },
  SaveFuelStationInput: { siteId: '<Site>' },
  RegisterPumpInput: { id: 'probe-pump', stationId: '<Site>', dispenser: '1', name: 'probe pump', nozzles: [{ number: 1, gradeCode: '92#' }] },
  SetFuelPriceInput: { gradeCode: '92#', unitPriceMinor: 745 },
  SaveFuelGradeInput: { code: 'PROBE', name: 'probe grade', product: 'GASOLINE' },
  IssueFuelCardInput: { cardNumber: '9999000011112222', kind: 'NAMED', customerId: '<Customer>' },
  RegisterMeterInput: { kind: 'ELECTRICITY', serial: '999900000001', name: 'probe meter', siteId: '<Site>' },
  TariffVersionInput: { type: 'FLAT', unitPrice: '0.5283' },
  CreateTariffInput: { kind: 'ELECTRICITY', name: 'probe tariff', version: { type: 'FLAT', unitPrice: '0.5283' } },
  TakeBackCylinderInput: { cylinderId: '<Cylinder>', storeId: '<Store>', grossKg: 16, idempotencyKey: 'probe-2' },
};
