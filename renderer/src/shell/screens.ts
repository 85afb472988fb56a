/** The till's screens: the sale and its payment and receipt steps, and the hardware settings. */
export type Screen = 'sale' | 'payment' | 'receipt' | 'settings';
