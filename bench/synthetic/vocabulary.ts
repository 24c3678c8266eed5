/**
 * The words the synthetic corpus is made of. Every name is invented (countries take the ISO
 * 3166 user-assigned codes XA-XT, reserved for private use), so nothing here can be mistaken for
 * a fact about the world.
 */
export const COUNTRIES: readonly { id: string; name: string }[] = [
  'Aldoria', 'Belmark', 'Corvania', 'Dunmere', 'Estovia', 'Falmaria', 'Galdera', 'Hollvik', 'Istrana', 'Jorvalia',
  'Kestria', 'Lumeria', 'Morvath', 'Norhaven', 'Ostrelia', 'Pellora', 'Quenmark', 'Rovania', 'Sarmeth', 'Tolvany',
].map((name, index) => ({ id: `X${String.fromCharCode(65 + index)}`, name }));

/** Bodies of the fictional union: a few hubs that many texts name. */
export const UNION_BODIES: readonly { id: string; name: string; kind: 'INTERNATIONAL' | 'EU_INSTITUTION' | 'EU_AGENCY' }[] = [
  { id: 'union', name: 'Union of Member States', kind: 'INTERNATIONAL' },
  { id: 'union-commission', name: 'Union Commission', kind: 'EU_INSTITUTION' },
  { id: 'union-council', name: 'Union Council', kind: 'EU_INSTITUTION' },
  { id: 'union-police-agency', name: 'Union Police Cooperation Agency', kind: 'EU_AGENCY' },
  { id: 'union-judicial-unit', name: 'Union Judicial Cooperation Unit', kind: 'EU_AGENCY' },
  { id: 'union-border-agency', name: 'Union Border and Coast Agency', kind: 'EU_AGENCY' },
  { id: 'union-cyber-agency', name: 'Union Cybersecurity Agency', kind: 'EU_AGENCY' },
  { id: 'union-drugs-observatory', name: 'Union Drugs Observatory', kind: 'EU_AGENCY' },
];

/** Topics: the text says the phrase, the node's name is its capitalised form. */
export const TOPICS: readonly string[] = [
  'counter-terrorism', 'border security', 'organised crime', 'violent radicalisation', 'cybercrime',
  'terrorism financing', 'judicial cooperation', 'police cooperation', 'irregular migration', 'prison intelligence',
  'drug trafficking', 'firearms trafficking', 'crisis management', 'information exchange', 'civil protection',
  'trafficking in human beings', 'money laundering', 'document fraud', 'cultural goods trafficking', 'online hate speech',
];

export const INSTRUMENT_FORMS: readonly { kind: string; status: string; form: string }[] = [
  { kind: 'DIRECTIVE', status: 'IN_FORCE', form: 'Directive' },
  { kind: 'REGULATION', status: 'IN_FORCE', form: 'Regulation' },
  { kind: 'LEGISLATIVE_PROPOSAL', status: 'UNDER_NEGOTIATION', form: 'Proposal for a Regulation' },
  { kind: 'INFORMATION_SYSTEM', status: 'IN_USE', form: 'Information System' },
  { kind: 'COOPERATION_MECHANISM', status: 'ESTABLISHED', form: 'Cooperation Mechanism' },
  { kind: 'INITIATIVE', status: 'ENVISAGED', form: 'Initiative' },
];

export const INSTRUMENT_SUBJECTS: readonly string[] = [
  'Passenger Data', 'Border Checks', 'Electronic Evidence', 'Firearms Control', 'Asset Recovery', 'Data Protection',
  'Travel Authorisation', 'Entry and Exit Records', 'Criminal Records Exchange', 'Joint Investigation Teams',
  'Explosives Precursors', 'Witness Protection',
];

export const AGENCY_KINDS: readonly string[] = [
  'Border Police', 'Counter-Terrorism Unit', 'Financial Intelligence Unit', 'Prison Intelligence Service',
  'Crisis Centre', 'Cybercrime Office', 'Customs Investigation Service', 'Judicial Cooperation Office',
  'Coast Guard', 'Forensic Institute', 'Criminal Police', 'Anti-Fraud Office',
];

export const FIRST_NAMES: readonly string[] = [
  'Ana', 'Bruno', 'Clara', 'Dario', 'Elin', 'Felix', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Kira', 'Lukas',
  'Mara', 'Nils', 'Olga', 'Pavel', 'Rosa', 'Stefan', 'Tilda', 'Viktor',
];

const SYLLABLES: readonly string[] = [
  'al', 'bor', 'cen', 'dar', 'el', 'fen', 'gar', 'hol', 'is', 'jor', 'kal', 'lun', 'mar', 'nor', 'os', 'pel',
  'quin', 'ros', 'sal', 'tor', 'ul', 'ver', 'wen', 'zan',
];

/** A pronounceable capitalised word of two or three syllables. */
export function inventWord(pick: <T>(items: readonly T[]) => T, syllables = 2): string {
  let word = '';
  for (let i = 0; i < syllables; i += 1) word += pick(SYLLABLES);
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export const OBJECTS: readonly string[] = [
  'cooperation', 'the exchange of information', 'joint operations', 'joint training programmes',
  'the sharing of best practice', 'joint risk analyses', 'operational contacts',
];

/** Verb phrases by modality, as docs/graph-model.md classes them. */
export const VERB_PHRASES: Readonly<Record<string, readonly string[]>> = {
  ACT: ['to strengthen', 'to increase', 'to step up', 'to continue'],
  WORK_TOWARDS: ['to work on', 'to prepare'],
  CONSIDER: ['to give thought to', 'to examine'],
  SUPPORT_OTHERS: ['to support'],
  CALL_ON_OTHERS: ['to call for'],
};

export const MONTHS: readonly string[] = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December',
];
