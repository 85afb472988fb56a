-- Cancelling a sale with card payments on it in one step: each card approval held on the open
-- sale is given back (a reversal, 0024), then the sale is cancelled. A reversal made for that is
-- marked here, so a start-up that settles one the till died waiting for (approved on the
-- terminal) finishes the cancel it was part of, when nothing else is left held on the sale.
-- Additive only.
ALTER TABLE card_reversals ADD COLUMN cancels_sale INTEGER NOT NULL DEFAULT 0 CHECK (cancels_sale IN (0, 1));
