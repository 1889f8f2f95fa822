import type { CreateServiceOrderInput, CustomerChoice, ServiceOrderType } from '$lib/api/service-order-types';

/** The new-order form as typed. */
export interface OrderFormValues {
  type: ServiceOrderType;
  customer: CustomerChoice | null;
  /** A store's id, or '' for the customer's supply station. */
  storeId: string;
  address: string;
  phone: string;
  /** YYYY-MM-DD, or ''. */
  requestedDate: string;
  /** One of TIME_SLOTS, or ''. */
  timeSlot: string;
  cylinderSpec: string;
  quantity: number | null;
  notes: string;
}

/** What is wrong with a field; the form words it. The gateway checks the rest. */
export type OrderFormProblem =
  'customerMissing' | 'addressMissing' | 'addressTooLong' | 'phoneInvalid' | 'dateMissing' | 'slotMissing' | 'specTooLong' | 'quantityInvalid' | 'notesTooLong';
export type OrderFormErrors = Partial<Record<keyof OrderFormValues, OrderFormProblem>>;

/** The slots a delivery may be booked in (预约送气), in the company's time zone. */
export const TIME_SLOTS = ['09:00-12:00', '12:00-15:00', '15:00-18:00'] as const;
export const MAX_ADDRESS_LENGTH = 300;
export const MAX_NOTES_LENGTH = 1000;
export const MAX_SPEC_LENGTH = 40;

/** Types booked for a day and slot: required for a delivery, optional for a pick-up or a care call (their deadline is the slot's end). */
export const takesSlot = (type: ServiceOrderType): boolean => type === 'DELIVERY' || type === 'PICKUP' || type === 'CARE_CALL';
/** Types that move cylinders. */
export const takesCylinders = (type: ServiceOrderType): boolean => type === 'DELIVERY' || type === 'PICKUP';

export const emptyOrderForm = (): OrderFormValues => ({
  type: 'DELIVERY',
  customer: null,
  storeId: '',
  address: '',
  phone: '',
  requestedDate: '',
  timeSlot: '',
  cylinderSpec: '',
  quantity: 1,
  notes: '',
});

/** A phone number as the service takes it: digits, grouped with spaces, dashes, dots or brackets, a leading + at most; 7–15 digits (ITU-T E.164). */
export function phoneValid(text: string): boolean {
  if (!/^\+?[\d\s().-]+$/.test(text)) return false;
  const digits = text.replace(/\D/g, '').length;
  return digits >= 7 && digits <= 15;
}

/**
 * The `createServiceOrder` input, or what to correct. Only a gas smell may be reported without a
 * customer (a passer-by's report), and then it needs the address; a delivery needs its day and slot.
 * What is left empty is left out: the service takes it from the customer (address, phone, store).
 */
export function toCreateServiceOrderInput(values: OrderFormValues): { input: CreateServiceOrderInput } | { errors: OrderFormErrors } {
  const errors: OrderFormErrors = {};
  const { type } = values;
  const [address, phone, spec, notes] = [values.address.trim(), values.phone.trim(), values.cylinderSpec.trim(), values.notes.trim()];
  if (!values.customer && type !== 'GAS_SMELL') errors.customer = 'customerMissing';
  if (!values.customer && type === 'GAS_SMELL' && !address) errors.address = 'addressMissing';
  if (address.length > MAX_ADDRESS_LENGTH) errors.address = 'addressTooLong';
  if (phone && !phoneValid(phone)) errors.phone = 'phoneInvalid';
  if (type === 'DELIVERY' && !values.requestedDate) errors.requestedDate = 'dateMissing';
  if (type === 'DELIVERY' && !values.timeSlot) errors.timeSlot = 'slotMissing';
  // A slot without a day (or a day without a slot) sets no deadline: both or neither.
  if (takesSlot(type) && type !== 'DELIVERY' && !values.requestedDate !== !values.timeSlot) {
    if (values.requestedDate) errors.timeSlot = 'slotMissing';
    else errors.requestedDate = 'dateMissing';
  }
  const cylinders = takesCylinders(type);
  if (cylinders && spec.length > MAX_SPEC_LENGTH) errors.cylinderSpec = 'specTooLong';
  if (cylinders && values.quantity !== null && !(Number.isInteger(values.quantity) && values.quantity >= 1 && values.quantity <= 99)) {
    errors.quantity = 'quantityInvalid';
  }
  if (notes.length > MAX_NOTES_LENGTH) errors.notes = 'notesTooLong';
  if (Object.keys(errors).length) return { errors };

  const input: CreateServiceOrderInput = { type };
  if (values.customer) input.customerId = values.customer.id;
  if (values.storeId) input.storeId = values.storeId;
  if (address) input.address = address;
  if (phone) input.phone = phone;
  if (takesSlot(type) && values.requestedDate && values.timeSlot) Object.assign(input, { requestedDate: values.requestedDate, timeSlot: values.timeSlot });
  if (cylinders && spec) input.cylinderSpec = spec;
  if (cylinders && values.quantity !== null) input.quantity = values.quantity;
  if (notes) input.notes = notes;
  return { input };
}

/** A day as YYYY-MM-DD in the browser's time zone (the first a date field offers). */
export function localDay(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}`;
}
