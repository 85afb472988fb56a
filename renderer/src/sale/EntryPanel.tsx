import { memo, useCallback, useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductHit } from '../../../core/sale/contract.js';
import type { TillApi } from '../../../core/rpc/contract.js';
import { parseWeight } from '../../../core/sale/weight.js';
import { useTill } from '../shell/context.js';

export interface EntryPanelHandle {
  focusBarcode(): void;
  focusSearch(): void;
}

interface EntryPanelProps {
  readonly ref?: Ref<EntryPanelHandle>;
  readonly api: TillApi;
  readonly onScanCode: (code: string) => void;
  /** Resolves true when the product was added. */
  readonly onAddProduct: (sku: string, grams?: number) => Promise<boolean>;
}

const SEARCH_DELAY_MS = 120;

/** Manual barcode entry and product search by name: for labels the scanner cannot read. */
export function EntryPanel({ ref, api, onScanCode, onAddProduct }: EntryPanelProps) {
  const { t } = useTranslation();
  const { lang } = useTill();
  const barcodeRef = useRef<HTMLInputElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [barcode, setBarcode] = useState('');
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<ProductHit[] | null>(null);
  const [weighing, setWeighing] = useState<ProductHit | null>(null);
  const [grams, setGrams] = useState('');
  const [gramsError, setGramsError] = useState(false);
  const searchSeq = useRef(0);

  const shownHits = query.trim() ? hits : null;

  useImperativeHandle(ref, () => ({
    focusBarcode: () => barcodeRef.current?.focus(),
    focusSearch: () => searchRef.current?.focus(),
  }));

  // Search as the cashier types, a little after the last key; late answers to old queries are dropped.
  useEffect(() => {
    const text = query.trim();
    const seq = ++searchSeq.current;
    if (!text) return; // an empty field shows no results (see `shownHits`)
    const timer = setTimeout(() => {
      api['catalog.search']({ query: text, limit: 12 }).then(
        (r) => {
          if (seq === searchSeq.current) setHits(r.ok ? r.value : []);
        },
        () => {
          if (seq === searchSeq.current) setHits([]);
        },
      );
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [api, query]);

  const choose = useCallback(
    async (hit: ProductHit) => {
      if (hit.soldBy === 'weight') {
        setWeighing(hit);
        setGrams('');
        setGramsError(false);
        return;
      }
      if (await onAddProduct(hit.sku)) {
        setQuery('');
        searchRef.current?.focus();
      }
    },
    [onAddProduct],
  );

  const addWeighed = async () => {
    if (!weighing) return;
    const value = parseWeight(grams);
    if (value === null) {
      setGramsError(true);
      return;
    }
    if (await onAddProduct(weighing.sku, value)) {
      setWeighing(null);
      setQuery('');
      searchRef.current?.focus();
    }
  };

  return (
    <section className="entry">
      <form
        className="field-row"
        onSubmit={(e) => {
          e.preventDefault();
          const code = barcode.trim();
          if (!code) return;
          onScanCode(code);
          setBarcode('');
        }}
      >
        <div className="field grow">
          <label htmlFor="barcode-input">
            {t('ui.entry.barcode')} <kbd aria-hidden="true">F2</kbd>
          </label>
          <input
            id="barcode-input"
            ref={barcodeRef}
            className="input"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            placeholder={t('ui.entry.barcodePlaceholder')}
            value={barcode}
            onChange={(e) => setBarcode(e.target.value)}
          />
        </div>
        <button type="submit" className="btn btn-secondary btn-add">
          {t('ui.entry.add')}
        </button>
      </form>

      <div className="field">
        <label htmlFor="search-input">
          {t('ui.entry.search')} <kbd aria-hidden="true">F3</kbd>
        </label>
        <input
          id="search-input"
          ref={searchRef}
          className="input"
          type="search"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('ui.entry.searchPlaceholder')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setWeighing(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && shownHits && shownHits[0]) {
              e.preventDefault();
              void choose(shownHits[0]);
            } else if (e.key === 'Escape' && query) {
              e.stopPropagation();
              setQuery('');
            }
          }}
        />
      </div>

      {weighing && (
        <form
          className="weigh"
          onSubmit={(e) => {
            e.preventDefault();
            void addWeighed();
          }}
        >
          <label htmlFor="grams-input">{t('ui.entry.gramsFor', { name: weighing.names[lang] })}</label>
          <div className="field-row">
            <input
              id="grams-input"
              className="input grow"
              inputMode="decimal"
              autoComplete="off"
              autoFocus
              aria-invalid={gramsError}
              aria-describedby={gramsError ? 'grams-error' : undefined}
              placeholder={t('ui.entry.grams')}
              value={grams}
              onChange={(e) => {
                setGrams(e.target.value);
                setGramsError(false);
              }}
            />
            <button type="submit" className="btn btn-primary">
              {t('ui.entry.addWeighed')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setWeighing(null)}>
              {t('ui.entry.cancel')}
            </button>
          </div>
          {gramsError && (
            <p id="grams-error" className="field-error">
              {t('ui.entry.gramsInvalid')}
            </p>
          )}
        </form>
      )}

      {shownHits && !weighing && <SearchResults hits={shownHits} query={shownHits.length === 0 ? query.trim() : ''} onChoose={choose} />}
    </section>
  );
}

/** The hits of a search; memoised so typing in the search field does not re-render them per key. */
const SearchResults = memo(function SearchResults({
  hits,
  query,
  onChoose,
}: {
  hits: readonly ProductHit[];
  query: string;
  onChoose: (hit: ProductHit) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { lang, f } = useTill();
  return (
    <div className="results">
      {hits.length === 0 ? (
        <p className="results-empty">{t('ui.entry.noResults', { query })}</p>
      ) : (
        <ul aria-label={t('ui.entry.results')}>
          {hits.map((hit) => (
            <li key={hit.sku}>
              <button
                type="button"
                className="result"
                disabled={hit.price === null}
                onClick={() => void onChoose(hit)}
              >
                {/* The name is what the button shows (so voice control finds it), after the verb. */}
                <span className="visually-hidden">{t('ui.a11y.add')} </span>
                <span className="result-name">{hit.names[lang]}</span>
                <span className="result-meta">
                  {hit.barcode && <span className="result-code">{hit.barcode}</span>}
                  {hit.soldBy === 'weight' && <span className="badge">{t('ui.entry.byWeight')}</span>}
                </span>
                <span className="result-price">
                  {hit.price === null
                    ? t('ui.entry.noPrice')
                    : hit.soldBy === 'weight'
                      ? t('ui.lines.perKg', { price: f.money(hit.price) })
                      : f.money(hit.price)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
