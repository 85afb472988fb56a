import type { Translation } from '../i18n/translation.js';
import type { PromoErrorCode } from './errors.js';
import type { PromoReason } from './reasons.js';

/** Plural forms by CLDR category (Intl.PluralRules): en uses one/other, ru one/few/many, ro one/few/other. */
interface Plural {
  readonly one: string;
  readonly few: string;
  readonly many: string;
  readonly other: string;
}

/** Why a code was not applied, as the cashier reads it. Placeholders: {{code}}, {{missing}} (money for below_minimum, units for below_min_qty), {{cap}}, {{promotion}}. */
const en = {
  errors: {
    PROMO_CODE_INVALID: 'That is not a promo code: letters and digits, 3 to 32 of them. Check what was typed or scanned.',
    PROMO_CODE_REFUSED: 'Code {{code}} was not applied.',
    PROMO_CODE_NOT_ON_SALE: 'Code {{code}} is not on this sale.',
  } satisfies Record<PromoErrorCode, string>,
  ui: {
    promo: {
      reasons: {
        mistyped_code: 'Code {{code}} looks mistyped (its check character does not match). Read it again.',
        unknown_code: 'Code {{code}} is not a known promo code.',
        expired: 'Code {{code}} has expired.',
        not_yet_valid: 'Code {{code}} is not valid yet.',
        wrong_store: 'Code {{code}} is not valid in this store.',
        wrong_channel: 'Code {{code}} is not valid in stores.',
        wrong_currency: 'Code {{code}} is for another currency.',
        no_currency: 'Code {{code}} cannot be used: its campaign has amounts but no currency. Ask the office to set the currency in the console.',
        wrong_segment: 'Code {{code}} is for other customers.',
        wrong_customer: 'Code {{code}} is for named customers only, and this is not one of them. Check the customer attached to the sale.',
        customer_required: 'Code {{code}} needs the customer: attach her to the sale first.',
        below_minimum: 'Add {{missing}} more of the eligible items to use code {{code}}.',
        below_min_qty: {
          one: 'Add {{missing}} more eligible item to use code {{code}}.',
          few: 'Add {{missing}} more eligible items to use code {{code}}.',
          many: 'Add {{missing}} more eligible items to use code {{code}}.',
          other: 'Add {{missing}} more eligible items to use code {{code}}.',
        } satisfies Plural,
        no_eligible_items: 'Code {{code}} does not apply to any item in the basket. Add an item it is for.',
        no_discountable_amount: 'Code {{code}} gives nothing more on these items: they are already discounted to their limit.',
        duplicate_code: 'Code {{code}} is already on this sale; it applies once.',
        code_redeemed: 'Code {{code}} has already been used.',
        code_void: 'Code {{code}} has been cancelled.',
        code_reserved: 'Code {{code}} is being used in another order right now. Ask the customer, or try again in a few minutes.',
        not_your_code: 'Code {{code}} belongs to another customer. Identify the customer first.',
        not_first_purchase: 'Code {{code}} is for a first purchase only.',
        offline_not_allowed: 'Code {{code}} works only while the till is online, and it is offline now. Try again when the connection is back.',
        offline_cap_reached: {
          one: 'Code {{code}}: this till may accept it offline only {{cap}} time, already reached.',
          few: 'Code {{code}}: this till may accept it offline only {{cap}} times, already reached.',
          many: 'Code {{code}}: this till may accept it offline only {{cap}} times, already reached.',
          other: 'Code {{code}}: this till may accept it offline only {{cap}} times, already reached.',
        } satisfies Plural,
        signed_offer_required: 'Code {{code}} works offline only from its signed QR offer. Scan the QR code.',
        not_combinable: 'Code {{code}} does not combine with “{{promotion}}” on this sale, which gives more. To use this code instead, remove that one.',
        per_customer_limit: 'Code {{code}}: she has already used this offer as often as it allows.',
        usage_exhausted: 'Code {{code}}: the campaign has been used up. Tell the customer the offer has ended.',
        budget_exhausted: 'Code {{code}}: the campaign budget is spent. Tell the customer the offer has ended.',
      } satisfies Record<PromoReason, string | Plural>,
      discount: 'Discount',
      panel: 'Promotions',
      codeLabel: 'Promo code',
      codePlaceholder: 'Promo code',
      apply: 'Apply',
      remove: 'Remove',
      removeCode: 'Remove code {{code}}',
      automatic: 'automatic',
      herOffer: 'her offer',
      notApplied: 'not applied',
      subtotal: 'Subtotal',
      saved: 'You save',
      none: 'No promotions on this sale.',
    },
  },
} as const;

const ru: Translation<typeof en> = {
  errors: {
    PROMO_CODE_INVALID: 'Это не промокод: нужны буквы и цифры, от 3 до 32. Проверьте, что было введено или отсканировано.',
    PROMO_CODE_REFUSED: 'Код {{code}} не применён.',
    PROMO_CODE_NOT_ON_SALE: 'Кода {{code}} нет в этой продаже.',
  },
  ui: {
    promo: {
      reasons: {
        mistyped_code: 'Код {{code}}, похоже, введён с ошибкой (не совпадает контрольный символ). Прочитайте его ещё раз.',
        unknown_code: 'Код {{code}} не является известным промокодом.',
        expired: 'Срок действия кода {{code}} истёк.',
        not_yet_valid: 'Код {{code}} ещё не действует.',
        wrong_store: 'Код {{code}} не действует в этом магазине.',
        wrong_channel: 'Код {{code}} не действует в магазинах.',
        wrong_currency: 'Код {{code}} выпущен для другой валюты.',
        no_currency: 'Код {{code}} нельзя применить: в кампании указаны суммы, но не указана валюта. Попросите офис указать валюту в консоли.',
        wrong_segment: 'Код {{code}} предназначен для других покупателей.',
        wrong_customer: 'Код {{code}} только для названных покупателей, а этот покупатель не из их числа. Проверьте покупателя в продаже.',
        customer_required: 'Для кода {{code}} нужен покупатель: сначала укажите его в продаже.',
        below_minimum: 'Добавьте подходящих товаров ещё на {{missing}}, чтобы применить код {{code}}.',
        below_min_qty: {
          one: 'Добавьте ещё {{missing}} подходящий товар, чтобы применить код {{code}}.',
          few: 'Добавьте ещё {{missing}} подходящих товара, чтобы применить код {{code}}.',
          many: 'Добавьте ещё {{missing}} подходящих товаров, чтобы применить код {{code}}.',
          other: 'Добавьте ещё {{missing}} подходящего товара, чтобы применить код {{code}}.',
        },
        no_eligible_items: 'Код {{code}} не действует ни на один товар в корзине. Добавьте товар, на который он действует.',
        no_discountable_amount: 'Код {{code}} больше ничего не даёт на эти товары: скидка на них уже предельная.',
        duplicate_code: 'Код {{code}} уже есть в этой продаже; он применяется один раз.',
        code_redeemed: 'Код {{code}} уже использован.',
        code_void: 'Код {{code}} аннулирован.',
        code_reserved: 'Код {{code}} сейчас используется в другом заказе. Уточните у покупателя или попробуйте через несколько минут.',
        not_your_code: 'Код {{code}} принадлежит другому покупателю. Сначала укажите покупателя.',
        not_first_purchase: 'Код {{code}} действует только на первую покупку.',
        offline_not_allowed: 'Код {{code}} действует, только когда касса в сети, а сейчас связи нет. Попробуйте снова, когда связь восстановится.',
        offline_cap_reached: {
          one: 'Код {{code}}: без сети касса может принять его только {{cap}} раз, лимит исчерпан.',
          few: 'Код {{code}}: без сети касса может принять его только {{cap}} раза, лимит исчерпан.',
          many: 'Код {{code}}: без сети касса может принять его только {{cap}} раз, лимит исчерпан.',
          other: 'Код {{code}}: без сети касса может принять его только {{cap}} раза, лимит исчерпан.',
        },
        signed_offer_required: 'Без сети код {{code}} действует только из подписанного QR-предложения. Отсканируйте QR-код.',
        not_combinable: 'Код {{code}} не совмещается с акцией «{{promotion}}» в этой продаже, она выгоднее. Чтобы применить этот код, уберите ту акцию.',
        per_customer_limit: 'Код {{code}}: покупатель уже использовал это предложение столько раз, сколько оно позволяет.',
        usage_exhausted: 'Код {{code}}: акция исчерпана. Скажите покупателю, что предложение закончилось.',
        budget_exhausted: 'Код {{code}}: бюджет акции израсходован. Скажите покупателю, что предложение закончилось.',
      },
      discount: 'Скидка',
      panel: 'Акции',
      codeLabel: 'Промокод',
      codePlaceholder: 'Промокод',
      apply: 'Применить',
      remove: 'Убрать',
      removeCode: 'Убрать код {{code}}',
      automatic: 'автоматически',
      herOffer: 'её предложение',
      notApplied: 'не применён',
      subtotal: 'Без скидок',
      saved: 'Вы экономите',
      none: 'В этой продаже нет акций.',
    },
  },
};

const ro: Translation<typeof en> = {
  errors: {
    PROMO_CODE_INVALID: 'Acesta nu este un cod promoțional: litere și cifre, între 3 și 32. Verificați ce s-a tastat sau scanat.',
    PROMO_CODE_REFUSED: 'Codul {{code}} nu a fost aplicat.',
    PROMO_CODE_NOT_ON_SALE: 'Codul {{code}} nu este pe această vânzare.',
  },
  ui: {
    promo: {
      reasons: {
        mistyped_code: 'Codul {{code}} pare tastat greșit (caracterul de control nu se potrivește). Citiți-l din nou.',
        unknown_code: 'Codul {{code}} nu este un cod promoțional cunoscut.',
        expired: 'Codul {{code}} a expirat.',
        not_yet_valid: 'Codul {{code}} nu este încă valabil.',
        wrong_store: 'Codul {{code}} nu este valabil în acest magazin.',
        wrong_channel: 'Codul {{code}} nu este valabil în magazine.',
        wrong_currency: 'Codul {{code}} este pentru altă monedă.',
        no_currency: 'Codul {{code}} nu poate fi folosit: campania are sume, dar nu are monedă. Cereți biroului să seteze moneda în consolă.',
        wrong_segment: 'Codul {{code}} este pentru alți clienți.',
        wrong_customer: 'Codul {{code}} este doar pentru anumiți clienți, iar acesta nu este unul dintre ei. Verificați clientul de pe vânzare.',
        customer_required: 'Codul {{code}} cere clientul: adăugați-l mai întâi pe vânzare.',
        below_minimum: 'Adăugați produse eligibile de încă {{missing}} pentru a folosi codul {{code}}.',
        below_min_qty: {
          one: 'Adăugați încă {{missing}} produs eligibil pentru a folosi codul {{code}}.',
          few: 'Adăugați încă {{missing}} produse eligibile pentru a folosi codul {{code}}.',
          many: 'Adăugați încă {{missing}} de produse eligibile pentru a folosi codul {{code}}.',
          other: 'Adăugați încă {{missing}} de produse eligibile pentru a folosi codul {{code}}.',
        },
        no_eligible_items: 'Codul {{code}} nu se aplică niciunui produs din coș. Adăugați un produs pentru care este valabil.',
        no_discountable_amount: 'Codul {{code}} nu mai dă nimic pe aceste produse: reducerea lor este deja maximă.',
        duplicate_code: 'Codul {{code}} este deja pe această vânzare; se aplică o singură dată.',
        code_redeemed: 'Codul {{code}} a fost deja folosit.',
        code_void: 'Codul {{code}} a fost anulat.',
        code_reserved: 'Codul {{code}} este folosit acum într-o altă comandă. Întrebați clientul sau încercați din nou peste câteva minute.',
        not_your_code: 'Codul {{code}} aparține altui client. Identificați mai întâi clientul.',
        not_first_purchase: 'Codul {{code}} este valabil doar la prima cumpărătură.',
        offline_not_allowed: 'Codul {{code}} funcționează doar când casa este online, iar acum nu este. Încercați din nou când revine conexiunea.',
        offline_cap_reached: {
          one: 'Codul {{code}}: fără rețea, casa îl poate accepta doar {{cap}} dată, limita a fost atinsă.',
          few: 'Codul {{code}}: fără rețea, casa îl poate accepta doar de {{cap}} ori, limita a fost atinsă.',
          many: 'Codul {{code}}: fără rețea, casa îl poate accepta doar de {{cap}} de ori, limita a fost atinsă.',
          other: 'Codul {{code}}: fără rețea, casa îl poate accepta doar de {{cap}} de ori, limita a fost atinsă.',
        },
        signed_offer_required: 'Fără rețea, codul {{code}} funcționează doar din oferta QR semnată. Scanați codul QR.',
        not_combinable: 'Codul {{code}} nu se combină cu „{{promotion}}” de pe această vânzare, care dă mai mult. Ca să folosiți acest cod în locul ei, eliminați-o.',
        per_customer_limit: 'Codul {{code}}: clientul a folosit deja această ofertă de câte ori permite.',
        usage_exhausted: 'Codul {{code}}: campania s-a epuizat. Spuneți clientului că oferta s-a încheiat.',
        budget_exhausted: 'Codul {{code}}: bugetul campaniei s-a consumat. Spuneți clientului că oferta s-a încheiat.',
      },
      discount: 'Reducere',
      panel: 'Promoții',
      codeLabel: 'Cod promoțional',
      codePlaceholder: 'Cod promoțional',
      apply: 'Aplică',
      remove: 'Elimină',
      removeCode: 'Elimină codul {{code}}',
      automatic: 'automat',
      herOffer: 'oferta ei',
      notApplied: 'neaplicat',
      subtotal: 'Fără reduceri',
      saved: 'Economisiți',
      none: 'Nicio promoție pe această vânzare.',
    },
  },
};

export const promoStrings = { en, ru, ro };
