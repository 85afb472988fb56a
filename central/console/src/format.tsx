import { createContext, useContext } from 'react';
import { consoleFormat, type ConsoleFormat } from '../../../core/console/format.js';

/** The UI language's strings and formatters, for every component below the app. */
export const FormatContext = createContext<ConsoleFormat>(consoleFormat('en'));

export function useFormat(): ConsoleFormat {
  return useContext(FormatContext);
}
