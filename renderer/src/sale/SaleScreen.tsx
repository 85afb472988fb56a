import type { ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { TillApi } from '../../../core/rpc/contract.js';
import type { Run } from '../shell/actions.js';
import type { Screen } from '../shell/screens.js';
import { EntryPanel, type EntryPanelHandle } from './EntryPanel.js';
import { LinesTable } from './LinesTable.js';
import { PaymentPanel } from './PaymentPanel.js';
import { ReceiptView } from './ReceiptView.js';
import { SaleActions, TotalsBar } from './TotalsPanel.js';
import type { Sale } from './useSale.js';
import { CameraPanel } from '../camera/CameraPanel.js';
import { useCameraPanel } from '../camera/useCameraPanel.js';

interface SaleScreenProps {
  readonly api: TillApi;
  readonly run: Run;
  readonly screen: Exclude<Screen, 'settings'>;
  readonly sale: Sale;
  readonly entryRef: RefObject<EntryPanelHandle | null>;
  readonly onBack: () => void;
  /** Above the lines: the customer on the sale (another feature's, see App). */
  readonly customerBar?: ReactNode;
  /** While open, in place of the lines: the customer panel. */
  readonly customerPanel?: ReactNode;
  /** A copy of a completed sale's receipt (the hardware feature's, see App). */
  readonly onReprint: (saleId: string) => void;
  /** Where a completed sale's receipt is, from the print jobs: the receipt screen's note. */
  readonly printNote: (saleId: string) => string | null;
  /** Under the entry panel: the promo code box and the sale's promotions (another feature's, see App). */
  readonly promoPanel?: ReactNode;
  /** Under the sale's actions: the sale discount and "No sale" (the adjust feature's, see App). */
  readonly adjustActions?: ReactNode;
  /** A line's price and manual discount dialogs (the adjust feature's). */
  readonly onPrice?: (lineId: string) => void;
  readonly onDiscount?: (lineId: string) => void;
  /** Moves when a pulled store policy changed (the payment screen re-reads the store's methods). */
  readonly storeVersion: number;
}

/** The sale's workspace: the lines (or the receipt) beside the entry panel (or the payment). */
export function SaleScreen({ api, run, screen, sale, entryRef, onBack, customerBar, customerPanel, onReprint, printNote, promoPanel, adjustActions, onPrice, onDiscount, storeVersion }: SaleScreenProps) {
  const { t } = useTranslation();
  const { completed } = sale;
  const camera = useCameraPanel(screen === 'sale');
  return (
    <main className="workspace">
      <h1 className="visually-hidden">{t(`ui.a11y.${screen}Heading`)}</h1>
      <section className="sale-area" aria-label={screen === 'receipt' ? t('ui.receipt.preview') : t('ui.lines.caption')}>
        {screen === 'receipt' && completed ? (
          <ReceiptView completed={completed} onNewSale={sale.newSale} onReprint={() => onReprint(completed.sale.id)} note={printNote(completed.sale.id)} />
        ) : customerPanel && screen === 'sale' ? (
          customerPanel
        ) : (
          <>
            {customerBar}
            <LinesTable lines={sale.sale?.lines ?? []} touched={sale.touched} editable={screen === 'sale'} onQuantity={sale.setQuantity} onVoid={sale.voidLine} onPrice={onPrice} onDiscount={onDiscount} />
            <TotalsBar sale={sale.sale} />
          </>
        )}
      </section>
      <aside className="side">
        {screen === 'payment' && sale.sale ? (
          <PaymentPanel api={api} run={run} totalMinor={sale.sale.totals.total} onPay={sale.pay} onBack={onBack} storeVersion={storeVersion} />
        ) : camera.open ? (
          <CameraPanel api={api} onRead={sale.scan} onClose={camera.close} />
        ) : (
          <EntryPanel ref={entryRef} api={api} onScanCode={sale.typeCode} onAddProduct={sale.addProduct} />
        )}
        {screen === 'sale' && !camera.open && promoPanel}
        {screen === 'sale' && (
          <SaleActions
            sale={sale.sale}
            canPay={sale.canPay}
            onPay={sale.openPayment}
            confirmCancel={sale.confirmCancel}
            cancelCards={sale.cancelCards}
            cancelling={sale.cancelling}
            onAskCancel={() => void sale.askCancel()}
            onCancel={() => void sale.cancelSale()}
            onKeep={() => sale.setConfirmCancel(false)}
          />
        )}
        {screen === 'sale' && adjustActions}
      </aside>
    </main>
  );
}
