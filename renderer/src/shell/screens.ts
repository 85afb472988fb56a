/** The till's screens: the sale and its payment and receipt steps, the hardware settings and the shift. */
export type Screen = 'sale' | 'payment' | 'receipt' | 'settings' | 'shift';
