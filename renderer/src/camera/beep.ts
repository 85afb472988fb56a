/**
 * The short high beep of a good read, as a hardware scanner gives: the cashier hears the
 * read without looking at the screen. One AudioContext for the page, made on first use
 * (after the key press that opened the camera, so the browser lets it play).
 */
let audio: AudioContext | null = null;

export function beep(): void {
  try {
    audio ??= new AudioContext();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = 'square';
    oscillator.frequency.value = 2700;
    gain.gain.value = 0.08;
    oscillator.connect(gain).connect(audio.destination);
    const now = audio.currentTime;
    oscillator.start(now);
    oscillator.stop(now + 0.07);
  } catch {
    // No audio device: the flash on screen still says it.
  }
}
