import type { Random } from './random.js';

/**
 * Names, places and number formats of the demo's four markets. Russian names are written
 * in Cyrillic (the customer's name as typed) and transliterated for e-mail addresses.
 */
export type Locale = 'pl' | 'ro' | 'ru' | 'en';

interface LocaleData {
  readonly firstNames: { readonly female: readonly string[]; readonly male: readonly string[] };
  /** Surnames; Polish and Russian ones take a feminine form (`-ski` → `-ska`, `-ов` → `-ова`). */
  readonly lastNames: readonly string[];
  readonly streets: readonly string[];
  readonly companyStems: readonly string[];
  readonly companySuffixes: readonly string[];
  readonly country: string;
  readonly domain: string;
  readonly phone: (random: Random) => string;
}

const digits = (random: Random, n: number) => Array.from({ length: n }, () => random.int(0, 9)).join('');

export const LOCALES: Record<Locale, LocaleData> = {
  pl: {
    firstNames: {
      female: ['Anna', 'Maria', 'Katarzyna', 'Małgorzata', 'Agnieszka', 'Barbara', 'Ewa', 'Krystyna', 'Magdalena', 'Joanna', 'Zofia', 'Julia', 'Aleksandra', 'Natalia'],
      male: ['Piotr', 'Krzysztof', 'Andrzej', 'Tomasz', 'Paweł', 'Jan', 'Michał', 'Marcin', 'Jakub', 'Adam', 'Łukasz', 'Grzegorz', 'Wojciech', 'Mateusz'],
    },
    lastNames: ['Nowak', 'Kowalski', 'Wiśniewski', 'Wójcik', 'Kowalczyk', 'Kamiński', 'Lewandowski', 'Zieliński', 'Szymański', 'Woźniak', 'Dąbrowski', 'Kozłowski', 'Jankowski', 'Mazur', 'Krawczyk', 'Piotrowski', 'Grabowski', 'Pawłowski', 'Michalski', 'Zając'],
    streets: ['ul. Marszałkowska', 'ul. Długa', 'ul. Piękna', 'ul. Kościuszki', 'ul. Mickiewicza', 'al. Jerozolimskie', 'ul. Floriańska', 'ul. Polna'],
    companyStems: ['Agro', 'Bud', 'Trans', 'Med', 'Eko', 'Inter', 'Stal', 'Drew', 'Elektro', 'Info'],
    companySuffixes: ['pol Sp. z o.o.', 'mex S.A.', 'tex Sp. z o.o.', '-Serwis Sp. j.', 'bud S.A.', 'system Sp. z o.o.'],
    country: 'PL',
    domain: 'example.pl',
    phone: (random) => `+48 ${random.pick(['5', '6', '7', '8'])}${digits(random, 2)} ${digits(random, 3)} ${digits(random, 3)}`,
  },
  ro: {
    firstNames: {
      female: ['Maria', 'Elena', 'Ioana', 'Andreea', 'Mihaela', 'Ana', 'Cristina', 'Gabriela', 'Alexandra', 'Raluca', 'Daniela', 'Irina'],
      male: ['Ion', 'Andrei', 'Mihai', 'Alexandru', 'Gheorghe', 'Constantin', 'Vasile', 'Ștefan', 'Florin', 'Adrian', 'Bogdan', 'Cătălin'],
    },
    lastNames: ['Popescu', 'Ionescu', 'Popa', 'Dumitru', 'Stan', 'Stoica', 'Gheorghe', 'Matei', 'Rusu', 'Munteanu', 'Constantinescu', 'Mihăilă', 'Dobre', 'Barbu', 'Nistor', 'Florea'],
    streets: ['Strada Lipscani', 'Bulevardul Unirii', 'Calea Victoriei', 'Strada Memorandumului', 'Bulevardul Eroilor', 'Strada Republicii'],
    companyStems: ['Agro', 'Construct', 'Trans', 'Farm', 'Eco', 'Tehno', 'Dacia', 'Carpat', 'Nord', 'Vest'],
    companySuffixes: ['com SRL', 'impex SRL', 'serv SA', 'prod SRL', 'grup SA', 'tech SRL'],
    country: 'RO',
    domain: 'example.ro',
    phone: (random) => `+40 7${digits(random, 2)} ${digits(random, 3)} ${digits(random, 3)}`,
  },
  ru: {
    firstNames: {
      female: ['Анна', 'Мария', 'Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Светлана', 'Екатерина', 'Юлия'],
      male: ['Александр', 'Сергей', 'Дмитрий', 'Андрей', 'Алексей', 'Иван', 'Михаил', 'Николай', 'Владимир', 'Павел'],
    },
    lastNames: ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров', 'Морозов', 'Волков', 'Лебедев', 'Козлов'],
    streets: ['Brīvības iela', 'Elizabetes iela', 'Tērbatas iela', 'Krišjāņa Barona iela', 'Dzirnavu iela'],
    companyStems: ['Балт', 'Нева', 'Рига', 'Север', 'Транс', 'Строй', 'Тех', 'Агро'],
    companySuffixes: ['сервис SIA', 'лайн SIA', 'трейд SIA', 'групп AS'],
    country: 'LV',
    domain: 'example.lv',
    phone: (random) => `+371 2${digits(random, 3)} ${digits(random, 4)}`,
  },
  en: {
    firstNames: {
      female: ['Olivia', 'Amelia', 'Isla', 'Emily', 'Sophie', 'Grace', 'Charlotte', 'Jessica', 'Hannah', 'Lucy', 'Emma', 'Chloe'],
      male: ['Oliver', 'George', 'Harry', 'Jack', 'Charlie', 'Thomas', 'James', 'William', 'Henry', 'Daniel', 'Samuel', 'Joseph'],
    },
    lastNames: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green'],
    streets: ['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Green Lane', 'Manor Road', 'Kings Road', 'Park Avenue'],
    companyStems: ['Albion', 'Crown', 'Thames', 'Northern', 'Bright', 'Oak', 'Harbour', 'Summit', 'Union', 'Sterling'],
    companySuffixes: [' Logistics Ltd', ' Foods Ltd', ' Engineering plc', ' & Sons Ltd', ' Consulting LLP', ' Retail Ltd'],
    country: 'GB',
    domain: 'example.co.uk',
    phone: (random) => `+44 7${digits(random, 3)} ${digits(random, 6)}`,
  },
};

export interface PersonName {
  readonly first: string;
  readonly last: string;
  readonly full: string;
  /** Lower-case ASCII, for e-mail addresses. */
  readonly slug: string;
}

export function personName(random: Random, locale: Locale): PersonName {
  const data = LOCALES[locale];
  const female = random.chance(0.5);
  const first = random.pick(female ? data.firstNames.female : data.firstNames.male);
  const last = feminine(random.pick(data.lastNames), locale, female);
  return { first, last, full: `${first} ${last}`, slug: `${ascii(first)}.${ascii(last)}` };
}

export function companyName(random: Random, locale: Locale): { full: string; slug: string } {
  const data = LOCALES[locale];
  const full = random.chance(0.35)
    ? `${random.pick(data.lastNames)} ${random.pick(data.companySuffixes).replace(/^[a-zа-я-]+ /u, '')}`
    : `${random.pick(data.companyStems)}${random.pick(data.companySuffixes)}`;
  return { full, slug: ascii(full.split(' ')[0]!).replace(/[^a-z0-9]/g, '') || 'firma' };
}

export function feminine(surname: string, locale: Locale, female: boolean): string {
  if (!female) return surname;
  if (locale === 'pl') return surname.replace(/ski$/, 'ska').replace(/cki$/, 'cka').replace(/dzki$/, 'dzka');
  if (locale === 'ru') return /(ов|ев|ёв|ин)$/.test(surname) ? `${surname}а` : surname;
  return surname;
}

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r',
  с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};

/** Lower-case ASCII: diacritics dropped (ł → l), Cyrillic transliterated. */
export function ascii(text: string): string {
  return [...text.toLowerCase().replace(/ł/g, 'l')]
    .map((c) => CYRILLIC[c] ?? c)
    .join('')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9.-]/g, '');
}
