import type { InformationCategory } from '@bti/domain';
import { ERASED_WORDS, escapeHtml, htmlDocument, type PdfBlock } from '@bti/http';

export const FORM_LANGUAGES = ['nb', 'nn', 'en'] as const;
export type FormLanguage = (typeof FORM_LANGUAGES)[number];

/** What the family is asked to agree to, with the services by name: the form's facts. */
export interface ConsentFormFacts {
  readonly services: readonly string[];
  readonly categories: readonly InformationCategory[];
  /** Null once the family's personal data is erased: the form says so. */
  readonly purpose: string | null;
  readonly status: 'requested' | 'given' | 'refused' | 'withdrawn';
  readonly validFrom: string | null;
  readonly validUntil: string | null;
  /**
   * Who signs a paper form: the guardians, or the young person alone from the municipality's consent
   * age — whose form had two guardians' lines and none for them (found from outside).
   */
  readonly signer: 'guardians' | 'youth';
}

interface Words {
  title: string;
  intro: string;
  who: string;
  what: string;
  why: string;
  /** Where the purpose was, once the family's personal data is erased. */
  erased: string;
  howLong: string;
  validFromUntil: (from: string, until: string) => string;
  /** Before it is given: how long is for the one who gives it to say. */
  validityToBeDecided: string;
  withdraw: string;
  withdrawText: string;
  status: string;
  statusWords: Record<ConsentFormFacts['status'], string>;
  sign: string;
  signLines: Record<ConsentFormFacts['signer'], string[]>;
  categories: Record<InformationCategory, string>;
}

/** Every word of the form, in bokmål, nynorsk and English; plain language, no legal terms. */
const WORDS: Record<FormLanguage, Words> = {
  nb: {
    title: 'Samtykke til samarbeid om barnet',
    intro:
      'Flere tjenester vil samarbeide for å hjelpe barnet. Da må de dele opplysninger med hverandre. Det kan de bare gjøre hvis dere sier ja. Dere kan si nei, og dere kan ombestemme dere senere.',
    who: 'Hvem som får dele',
    what: 'Hva de kan dele',
    why: 'Hvorfor',
    erased: ERASED_WORDS,
    howLong: 'Hvor lenge',
    validFromUntil: (from, until) => `Fra ${from} til og med ${until}.`,
    validityToBeDecided: 'Dere bestemmer selv hvor lenge samtykket skal gjelde når dere gir det.',
    withdraw: 'Slik trekker dere samtykket',
    withdrawText:
      'Dere kan når som helst trekke samtykket, uten å si hvorfor: på nett under «Samtykke», eller ved å si fra til en av tjenestene. Fra den dagen slutter tjenestene å dele. Det som allerede er delt, blir liggende i tjenestenes egne journaler.',
    status: 'Status',
    statusWords: {
      requested: 'Dere er spurt, og har ikke svart ennå.',
      given: 'Dere har gitt samtykket.',
      refused: 'Dere har sagt nei.',
      withdrawn: 'Dere har trukket samtykket.',
    },
    sign: 'Underskrift (når skjemaet signeres på papir)',
    signLines: {
      guardians: [
        'Sted og dato: ______________________',
        'Foresatt: ______________________',
        'Foresatt: ______________________',
      ],
      youth: ['Sted og dato: ______________________', 'Ungdommen: ______________________'],
    },
    categories: {
      school_situation: 'hvordan barnet har det på skolen',
      kindergarten_situation: 'hvordan barnet har det i barnehagen',
      health: 'helse – kropp og psykisk helse, fra helsestasjon, lege og andre helsetjenester',
      development_and_learning: 'utvikling, språk og læring',
      family_situation: 'hvordan familien har det hjemme',
      child_welfare: 'barnevernets arbeid med familien',
      leisure: 'fritid og aktiviteter',
      economy_and_housing: 'økonomi og bolig',
    },
  },
  nn: {
    title: 'Samtykke til samarbeid om barnet',
    intro:
      'Fleire tenester vil samarbeide for å hjelpe barnet. Då må dei dele opplysningar med kvarandre. Det kan dei berre gjere om de seier ja. De kan seie nei, og de kan ombestemme dykk seinare.',
    who: 'Kven som får dele',
    what: 'Kva dei kan dele',
    why: 'Kvifor',
    erased: '(sletta)',
    howLong: 'Kor lenge',
    validFromUntil: (from, until) => `Frå ${from} til og med ${until}.`,
    validityToBeDecided: 'De bestemmer sjølve kor lenge samtykket skal gjelde når de gir det.',
    withdraw: 'Slik trekkjer de samtykket',
    withdrawText:
      'De kan når som helst trekkje samtykket, utan å seie kvifor: på nett under «Samtykke», eller ved å seie frå til ei av tenestene. Frå den dagen sluttar tenestene å dele. Det som alt er delt, blir liggjande i journalane til tenestene.',
    status: 'Status',
    statusWords: {
      requested: 'De er spurde, og har ikkje svart enno.',
      given: 'De har gitt samtykket.',
      refused: 'De har sagt nei.',
      withdrawn: 'De har trekt samtykket.',
    },
    sign: 'Underskrift (når skjemaet blir signert på papir)',
    signLines: {
      guardians: [
        'Stad og dato: ______________________',
        'Føresett: ______________________',
        'Føresett: ______________________',
      ],
      youth: ['Stad og dato: ______________________', 'Ungdomen: ______________________'],
    },
    categories: {
      school_situation: 'korleis barnet har det på skulen',
      kindergarten_situation: 'korleis barnet har det i barnehagen',
      health: 'helse – kropp og psykisk helse, frå helsestasjon, lege og andre helsetenester',
      development_and_learning: 'utvikling, språk og læring',
      family_situation: 'korleis familien har det heime',
      child_welfare: 'arbeidet barnevernet gjer med familien',
      leisure: 'fritid og aktivitetar',
      economy_and_housing: 'økonomi og bustad',
    },
  },
  en: {
    title: 'Consent to working together for the child',
    intro:
      'Several services want to work together to help the child. To do that they need to share information with each other, which they may only do if you say yes. You may say no, and you may change your mind later.',
    who: 'Who may share',
    what: 'What they may share',
    why: 'Why',
    erased: '(erased)',
    howLong: 'For how long',
    validFromUntil: (from, until) => `From ${from} up to and including ${until}.`,
    validityToBeDecided: 'You decide how long the consent lasts when you give it.',
    withdraw: 'How to withdraw your consent',
    withdrawText:
      'You may withdraw your consent at any time, without giving a reason: online under “Consent”, or by telling one of the services. From that day on the services stop sharing. What has already been shared stays in the services’ own records.',
    status: 'Status',
    statusWords: {
      requested: 'You have been asked and have not answered yet.',
      given: 'You have given your consent.',
      refused: 'You have said no.',
      withdrawn: 'You have withdrawn your consent.',
    },
    sign: 'Signature (when the form is signed on paper)',
    signLines: {
      guardians: [
        'Place and date: ______________________',
        'Guardian: ______________________',
        'Guardian: ______________________',
      ],
      youth: ['Place and date: ______________________', 'Young person: ______________________'],
    },
    categories: {
      school_situation: 'how the child is doing at school',
      kindergarten_situation: 'how the child is doing in kindergarten',
      health: 'health – body and mind, from the health clinic, doctors and other health services',
      development_and_learning: 'development, language and learning',
      family_situation: 'how the family is doing at home',
      child_welfare: 'the child welfare service’s work with the family',
      leisure: 'leisure and activities',
      economy_and_housing: 'money and housing',
    },
  },
};

/**
 * The words that change when the young person consents alone (from the consent age): the form is
 * about them and speaks to them, not to guardians about "the child".
 */
const YOUTH_WORDS: Record<FormLanguage, Partial<Words>> = {
  nb: {
    title: 'Samtykke til samarbeid om deg',
    intro:
      'Flere tjenester vil samarbeide for å hjelpe deg. Da må de dele opplysninger om deg med hverandre. Det kan de bare gjøre hvis du sier ja. Du kan si nei, og du kan ombestemme deg senere.',
    validityToBeDecided: 'Du bestemmer selv hvor lenge samtykket skal gjelde når du gir det.',
    withdraw: 'Slik trekker du samtykket',
    withdrawText:
      'Du kan når som helst trekke samtykket, uten å si hvorfor: på nett under «Samtykke», eller ved å si fra til en av tjenestene. Fra den dagen slutter tjenestene å dele. Det som allerede er delt, blir liggende i tjenestenes egne journaler.',
    statusWords: {
      requested: 'Du er spurt, og har ikke svart ennå.',
      given: 'Du har gitt samtykket.',
      refused: 'Du har sagt nei.',
      withdrawn: 'Du har trukket samtykket.',
    },
    categories: {
      ...WORDS.nb.categories,
      school_situation: 'hvordan du har det på skolen',
      kindergarten_situation: 'hvordan du har det i barnehagen',
      family_situation: 'hvordan familien din har det hjemme',
      child_welfare: 'barnevernets arbeid med deg og familien din',
    },
  },
  nn: {
    title: 'Samtykke til samarbeid om deg',
    intro:
      'Fleire tenester vil samarbeide for å hjelpe deg. Då må dei dele opplysningar om deg med kvarandre. Det kan dei berre gjere om du seier ja. Du kan seie nei, og du kan ombestemme deg seinare.',
    validityToBeDecided: 'Du bestemmer sjølv kor lenge samtykket skal gjelde når du gir det.',
    withdraw: 'Slik trekkjer du samtykket',
    withdrawText:
      'Du kan når som helst trekkje samtykket, utan å seie kvifor: på nett under «Samtykke», eller ved å seie frå til ei av tenestene. Frå den dagen sluttar tenestene å dele. Det som alt er delt, blir liggjande i journalane til tenestene.',
    statusWords: {
      requested: 'Du er spurd, og har ikkje svart enno.',
      given: 'Du har gitt samtykket.',
      refused: 'Du har sagt nei.',
      withdrawn: 'Du har trekt samtykket.',
    },
    categories: {
      ...WORDS.nn.categories,
      school_situation: 'korleis du har det på skulen',
      kindergarten_situation: 'korleis du har det i barnehagen',
      family_situation: 'korleis familien din har det heime',
      child_welfare: 'arbeidet barnevernet gjer med deg og familien din',
    },
  },
  en: {
    title: 'Consent to working together for you',
    intro:
      'Several services want to work together to help you. To do that they need to share information about you with each other, which they may only do if you say yes. You may say no, and you may change your mind later.',
    categories: {
      ...WORDS.en.categories,
      school_situation: 'how you are doing at school',
      kindergarten_situation: 'how you are doing in kindergarten',
      family_situation: 'how your family is doing at home',
      child_welfare: 'the child welfare service’s work with you and your family',
    },
  },
};

/** The form as headed paragraphs: the one content both the HTML and the PDF are made from. */
export function consentFormBlocks(
  facts: ConsentFormFacts,
  lang: FormLanguage,
): {
  title: string;
  blocks: PdfBlock[];
} {
  const w = facts.signer === 'youth' ? { ...WORDS[lang], ...YOUTH_WORDS[lang] } : WORDS[lang];
  return {
    title: w.title,
    blocks: [
      { lines: [w.intro] },
      { heading: w.who, lines: facts.services.map((service) => `• ${service}`) },
      { heading: w.what, lines: facts.categories.map((c) => `• ${w.categories[c]}`) },
      { heading: w.why, lines: [facts.purpose ?? w.erased] },
      {
        heading: w.howLong,
        lines: [
          facts.validFrom && facts.validUntil
            ? w.validFromUntil(facts.validFrom, facts.validUntil)
            : w.validityToBeDecided,
        ],
      },
      { heading: w.withdraw, lines: [w.withdrawText] },
      { heading: w.status, lines: [w.statusWords[facts.status]] },
      { heading: w.sign, lines: w.signLines[facts.signer] },
    ],
  };
}

export function consentFormHtml(facts: ConsentFormFacts, lang: FormLanguage): string {
  const { title, blocks } = consentFormBlocks(facts, lang);
  const body = blocks
    .map((block) => {
      const heading = block.heading ? `<h2>${escapeHtml(block.heading)}</h2>\n` : '';
      const list = block.lines.every((line) => line.startsWith('• '));
      return list
        ? `${heading}<ul>${block.lines.map((line) => `<li>${escapeHtml(line.slice(2))}</li>`).join('')}</ul>`
        : `${heading}${block.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('')}`;
    })
    .join('\n');
  return htmlDocument(lang, title, body);
}
