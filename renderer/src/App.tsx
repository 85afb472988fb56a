import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { CustomerBar } from './customer/CustomerBar.js';
import { CustomerPanel } from './customer/CustomerPanel.js';
import { useCustomer } from './customer/useCustomer.js';
import { HardwareSettings } from './hardware/HardwareSettings.js';
import { PrinterIndicator } from './hardware/PrinterIndicator.js';
import { indicatorJob, useHardware } from './hardware/useHardware.js';
import type { EntryPanelHandle } from './sale/EntryPanel.js';
import { SaleScreen } from './sale/SaleScreen.js';
import { useStoreVersion } from './payment/useStoreVersion.js';
import { useFunctionKeys } from './sale/useFunctionKeys.js';
import { nudgeSync } from './sync/useSyncStatus.js';
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
import { SignInScreen, StaffMenu } from './staff/SignInScreen.js';
import { useStaff } from './staff/useStaff.js';
import { ApprovalDialog } from './staff/ApprovalDialog.js';
import { useApproval } from './staff/useApproval.js';
import { DEFAULT_MANUAL_DISCOUNT_LIMIT } from '../../core/staff/roles.js';
import { AdjustActions, AdjustDialog } from './adjust/AdjustDialog.js';
import { useAdjust } from './adjust/useAdjust.js';
import { ShiftScreen } from './shift/ShiftScreen.js';
import { ReturnScreen } from './returns/ReturnScreen.js';
import { useScanSlot } from './scan/useScanTarget.js';
import { InterruptedNotice } from './payment/InterruptedNotice.js';

/** The till's screens and their layout; each feature's state lives in its own hook. */
export function App({ connection }: { connection: Connection }) {
  const { t } = useTranslation();
  const api = connection.api;
  const [screen, setScreen] = useState<Screen>('sale');
  const connState: ConnectionState = useSyncExternalStore(connection.subscribe, connection.state);
  const { error, setError, run, interceptRef } = useActions();
  const entryRef = useRef<EntryPanelHandle>(null);
  const staff = useStaff(api, run);
  const approval = useApproval(api, run, interceptRef);
  // A scan goes to the sign-in (a staff card) while it shows, else to the return screen while it is open, else into the sale.
  const returnScans = useScanSlot(api);
  const staffScans = staff.divertScan;
  const divertScan = useMemo(
    () => ({
      get current() {
        return staffScans.current ?? returnScans.current;
      },
    }),
    [staffScans, returnScans],
  );
  const sale = useSale({ api, connection, run, setError, setScreen, entryRef, divertScan, onBackendRestart: returnScans.resend });
  const hardware = useHardware(api, run);
  const promo = usePromo(api, run, sale.applySale);
  const info = useTillInfo(api, run, sale.restore);
  const customer = useCustomer({ api, run, applySale: sale.applySale, active: screen === 'sale' });
  const adjust = useAdjust(api, run, sale.applySale);

  const onHardwareEvents = hardware.onEvents;
  const onSaleEvents = sale.onEvents;
  const onStaffEvents = staff.onEvents;
  const { storeVersion, onEvents: onStoreEvents } = useStoreVersion();
  const onEvents = useCallback(
    (batch: EventBatch) => {
      onHardwareEvents(batch);
      onSaleEvents(batch);
      onStaffEvents(batch);
      onStoreEvents(batch);
    },
    [onHardwareEvents, onSaleEvents, onStaffEvents, onStoreEvents],
  );
  useTillEvents(api, connection, onEvents);
  // A sale completed here: its push starts now, and the sync indicator says how it went at once.
  const completedHere = sale.lastRestored ? null : sale.lastSaleId;
  useEffect(() => {
    if (completedHere) nudgeSync();
  }, [completedHere]);
  useFunctionKeys(screen, setScreen, sale, entryRef, error, setError);
  // The signed-in person is the cashier the header names (nobody yet: a dash).
  const person = staff.session?.required ? (staff.session.person?.name ?? '—') : null;
  const shownInfo = useMemo(() => (info && person ? { ...info, cashier: person } : info), [info, person]);
  const context = useTillContext(shownInfo);

  if (!context) return <Boot error={error} onDismiss={() => setError(null)} />;

  const alert = <AlertRegion message={error} onDismiss={() => setError(null)} />;
  if (staff.gate && staff.session) {
    return (
      <TillContext.Provider value={context}>
        <div className="app">
          <Header connection={connState} />
          {alert}
          <SignInScreen key={`${staff.session.state}:${staff.session.person?.id ?? ''}`} session={staff.session} staff={staff} />
        </div>
      </TillContext.Provider>
    );
  }
  const interruptedNotice = <InterruptedNotice api={api} run={run} />;
  const staffMenu = staff.session?.required && staff.session.person ? <StaffMenu person={staff.session.person} staff={staff} onShift={() => setScreen('shift')} onReturn={() => setScreen('return')} /> : undefined;
  const approvalDialog = staff.session && approval.pending && <ApprovalDialog key={approval.pending.action} approval={approval} staff={staff.session.staff} alert={alert} />;
  if (screen === 'settings') {
    return (
      <TillContext.Provider value={context}>
        <div className="app">
          <Header connection={connState} sync={api} />
          {alert}
          <main className="hw-main">
            <HardwareSettings api={api} live={hardware.live} onBack={() => setScreen('sale')} onRetry={hardware.retryJob} />
          </main>
        </div>
      </TillContext.Provider>
    );
  }
  if (screen === 'shift' || screen === 'return') {
    return (
      <TillContext.Provider value={context}>
        <div className="app">
          <Header connection={connState} sync={api} staff={staffMenu} />
          {approvalDialog}
          {!approval.pending && alert}
          {screen === 'shift' && interruptedNotice}
          {screen === 'shift' ? <ShiftScreen api={api} run={run} onBack={() => setScreen('sale')} /> : <ReturnScreen api={api} run={run} onBack={() => setScreen('sale')} scans={returnScans} />}
        </div>
      </TillContext.Provider>
    );
  }
  const { lastSaleId } = sale;
  const problem = indicatorJob(hardware.printOf(lastSaleId), (sale.sale?.lines.length ?? 0) > 0, sale.lastRestored);
  const printNote = (saleId: string): string | null => {
    const print = hardware.printOf(saleId);
    return print.state === 'printing' ? t(print.copy ? 'ui.receipt.reprinting' : 'ui.receipt.printing') : null;
  };
  const onSale = sale.sale?.customer ?? null;
  return (
    <TillContext.Provider value={context}>
      <div className="app">
        <Header
          connection={connState}
          sync={api}
          staff={staffMenu}
          onSettings={() => {
            setError(null);
            sale.setConfirmCancel(false);
            setScreen('settings');
          }}
        />
        {approvalDialog}
        {screen === 'sale' && (
          <AdjustDialog adjust={adjust} sale={sale.sale} limit={staff.session?.discountLimit ?? DEFAULT_MANUAL_DISCOUNT_LIMIT} alert={alert} hidden={!!approval.pending} />
        )}
        {!approval.pending && !(screen === 'sale' && adjust.target) && alert}
        {/* Always on the page, so a printer problem appearing in it is announced (a live region must exist before its news). */}
        <div className="printer-live" aria-live="polite" data-testid="printer-live">
          {problem && (
            <PrinterIndicator job={problem} onRetry={() => hardware.retryJob(problem.id)} onReprint={() => lastSaleId && hardware.reprint(lastSaleId)} />
          )}
        </div>
        {screen === 'sale' && interruptedNotice}
        <SaleScreen
          api={api}
          run={run}
          screen={screen}
          sale={sale}
          entryRef={entryRef}
          onBack={() => setScreen('sale')}
          storeVersion={storeVersion}
          onReprint={hardware.reprint}
          printNote={printNote}
          promoPanel={<PromoPanel sale={sale.sale} promo={promo} />}
          adjustActions={<AdjustActions adjust={adjust} sale={sale.sale} />}
          onPrice={adjust.openPrice}
          onDiscount={adjust.openDiscount}
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
