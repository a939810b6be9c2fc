import type { AttendanceStatus, CheckInMethod, RsvpStatus } from '@kalendaryo/contract/values';

/** How the screens name the contract's RSVP answers, attendance states and check-in methods. */
export const rsvpLabels: Record<RsvpStatus, string> = {
  going: 'Going',
  maybe: 'Maybe',
  declined: 'Declined',
};

export const statusLabels: Record<AttendanceStatus, string> = {
  not_checked_in: 'Not checked in',
  checked_in: 'Checked in',
  checked_out: 'Checked out',
};

export const methodLabels: Record<CheckInMethod, string> = {
  manual: 'By hand',
  qr_code: 'QR code',
  nfc: 'NFC',
};
