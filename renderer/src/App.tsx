import { useCallback, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { CustomerBar } from './customer/CustomerBar.js';
import { CustomerPanel } from './customer/CustomerPanel.js';
import { useCustomer } from './customer/useCustomer.js';
import { HardwareSettings } from './hardware/HardwareSettings.js';
import { PrinterIndicator } from './hardware/PrinterIndicator.js';
import { receiptProblem, useHardware } from './hardware/useHardware.js';
import type { EntryPanelHandle } from './sale/EntryPanel.js';
import { SaleScreen } from './sale/SaleScreen.js';
import { useFunctionKeys } from './sale/useFunctionKeys.js';
import { useSale } from './sale/useSale.js';
import { usePromo } from './promo/usePromo.js';
import { PromoPanel } from './promo/PromoPanel.js';
import { useActions } from './shell/actions.js';
import { AlertRegion } from './shell/AlertRegion.js';
import type { Connection, ConnectionState } from './shell/api.js';
import { Boot } from './shell/Boot.js';
import { TillContext } from './shell/context.js';
import { Header } from './shell/Header.js';
import type { Screen } from './shell/screens.js';
import { useTillEvents, type EventBatch } from './shell/tillEvents.js';
import { useTillContext } from './shell/useTillContext.js';
import { useTillInfo } from './shell/useTillInfo.js';

/** The till's screens and their layout; each feature's state lives in its own hook. */
export function App({ connection }: { connection: Connection }) {
  const { t } = useTranslation();
  const api = connection.api;
  const [screen, setScreen] = useState<Screen>('sale');
  const connState: ConnectionState = useSyncExternalStore(connection.subscribe, connection.state);
  const { error, setError, run } = useActions();
  const entryRef = useRef<EntryPanelHandle>(null);
  const sale = useSale({ api, connection, run, setError, setScreen, entryRef });
  const hardware = useHardware(api, run);
  const promo = usePromo(api, run, sale.applySale);
  const info = useTillInfo(api, run, sale.restore);
  const customer = useCustomer({ api, run, applySale: sale.applySale, active: screen === 'sale' });

  const onHardwareEvents = hardware.onEvents;
  const onSaleEvents = sale.onEvents;
  const onEvents = useCallback(
    (batch: EventBatch) => {
      onHardwareEvents(batch);
      onSaleEvents(batch);
    },
    [onHardwareEvents, onSaleEvents],
  );
  useTillEvents(api, connection, onEvents);
  useFunctionKeys(screen, setScreen, sale, entryRef, error, setError);
  const context = useTillContext(info);

  if (!context) return <Boot error={error} onDismiss={() => setError(null)} />;

  const alert = <AlertRegion message={error} onDismiss={() => setError(null)} />;
  if (screen === 'settings') {
    return (
      <TillContext.Provider value={context}>
        <div className="app">
          <Header connection={connState} />
          {alert}
          <main className="hw-main">
            <HardwareSettings api={api} live={hardware.live} onBack={() => setScreen('sale')} onRetry={hardware.retryJob} />
          </main>
        </div>
      </TillContext.Provider>
    );
  }
  const problem = receiptProblem(hardware.jobs, sale.lastSaleId);
  const { lastSaleId } = sale;
  const onSale = sale.sale?.customer ?? null;
  return (
    <TillContext.Provider value={context}>
      <div className="app">
        <Header
          connection={connState}
          sync={api}
          onSettings={() => {
            setError(null);
            sale.setConfirmCancel(false);
            setScreen('settings');
          }}
        />
        {alert}
        {problem && (
          <PrinterIndicator job={problem} onRetry={() => hardware.retryJob(problem.id)} onReprint={() => lastSaleId && sale.reprint(lastSaleId)} />
        )}
        <SaleScreen
          api={api}
          screen={screen}
          sale={sale}
          entryRef={entryRef}
          onBack={() => setScreen('sale')}
          promoPanel={<PromoPanel sale={sale.sale} promo={promo} />}
          customerPanel={customer.open ? <CustomerPanel customer={customer} onSale={onSale?.id ?? null} /> : null}
          customerBar={
            <CustomerBar
              customer={onSale}
              note={customer.note}
              onOpen={() => (onSale ? customer.openProfile(onSale.id) : customer.openWith())}
              onDetach={() => customer.attach(null)}
            />
          }
        />
        <footer className="keys-hint">{t('ui.keys.hint')}</footer>
      </div>
    </TillContext.Provider>
  );
}
