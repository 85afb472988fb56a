/** The till's screens: the sale and its payment and receipt steps, the hardware settings, the shift and returns. */
export type Screen = 'sale' | 'payment' | 'receipt' | 'settings' | 'shift' | 'return';
