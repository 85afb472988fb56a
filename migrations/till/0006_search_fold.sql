-- Product search folds ё to е and the cedilla ş/ţ to the comma-below ș/ț, in the index as in
-- the query (core/sale/search.ts): rows indexed before are folded the same way. Data only.

UPDATE product_search
SET names = replace(replace(replace(replace(replace(replace(names, 'ё', 'е'), 'Ё', 'Е'), 'ş', 'ș'), 'Ş', 'Ș'), 'ţ', 'ț'), 'Ţ', 'Ț')
WHERE instr(names, 'ё') > 0 OR instr(names, 'Ё') > 0 OR instr(names, 'ş') > 0 OR instr(names, 'Ş') > 0
   OR instr(names, 'ţ') > 0 OR instr(names, 'Ţ') > 0;
