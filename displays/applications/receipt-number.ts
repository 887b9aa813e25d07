// The receipt number (受理回执编号) in what a clerk typed or a scanner sent: shared by the pickup
// window and the kiosk's result scan.

/** The receipt number in what was typed or scanned: the number itself, or the receipt's /a/<receipt> link. */
export function receiptIn(text: string): string | undefined {
  return /([A-Z0-9]{1,12}-\d{8}-\d{4})\s*$/i.exec(text.trim())?.[1]?.toUpperCase();
}
