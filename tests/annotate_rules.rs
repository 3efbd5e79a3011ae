//! Table tests of the annotator's rules on short texts written by the team: each case names the
//! quotes it must find (text, kind, speaker) and, where it matters, what it must not find.

use byline::annotate::annotate;
use byline::model::{Annotations, QuoteKind};
use byline::text::normalize::normalize;

struct Case {
    name: &'static str,
    text: &'static str,
    /// (quote text, kind, a word of the speaker's name or "" for none); none at all: no quotes
    quotes: &'static [(&'static str, QuoteKind, &'static str)],
}

use QuoteKind::{Direct, Indirect, Partial};

const CASES: &[Case] = &[
    Case {
        name: "curly quote, attribution after",
        text: "“We will rebuild the bridge,” Mayor Ana Ortiz said on Monday.",
        quotes: &[("We will rebuild the bridge,", Direct, "Ortiz")],
    },
    Case {
        name: "straight quotes, inverted attribution",
        text: "\"The budget is balanced,\" said Finance Minister Lars Berg.",
        quotes: &[("The budget is balanced,", Direct, "Berg")],
    },
    Case {
        name: "attribution before, colon",
        text: "The governor told reporters: \"We are not done yet.\"",
        quotes: &[("We are not done yet.", Direct, "governor")],
    },
    Case {
        name: "quote broken by its attribution",
        text: "“The water is safe,” she said, “and it will stay safe.” That was Dr. Mei Chen, the health officer.",
        quotes: &[
            ("The water is safe,", Direct, "she"),
            ("and it will stay safe.", Direct, "she"),
        ],
    },
    Case {
        name: "wire-style double apostrophes",
        text: "''We expected more,'' Coach Dan Reyes said after the game.",
        quotes: &[("We expected more,", Direct, "Reyes")],
    },
    Case {
        name: "guillemets",
        text: "«Nous allons continuer», a déclaré Marie Dupont, said an aide.",
        quotes: &[("Nous allons continuer", Direct, "")],
    },
    Case {
        name: "German low-high marks",
        text: "Chancellor Klaus Weber said: „Wir schaffen das.“",
        quotes: &[("Wir schaffen das.", Direct, "Weber")],
    },
    Case {
        name: "single curly quotes among apostrophes",
        text: "The senator’s aide called it ‘a dead end’ and said the party’s plan wouldn’t pass.",
        quotes: &[("a dead end", Partial, "aide")],
    },
    Case {
        name: "partial quote inside reported speech",
        text: "Mr Obama called the discussion on Syria “productive” and left.",
        quotes: &[("productive", Partial, "Obama")],
    },
    Case {
        name: "quote-only paragraph after the speaker's paragraph",
        text: "Senator Ruth Adams spoke first and said the vote would be close.\n\n“We have the numbers, but only just.”",
        quotes: &[("We have the numbers, but only just.", Direct, "Adams")],
    },
    Case {
        name: "quote over several paragraphs",
        text: "Inspector Paul Grant said:\n\n“The first report was late.\n\n“The second was wrong. We fixed both,” he added.",
        quotes: &[
            ("The first report was late.", Direct, "Grant"),
            ("The second was wrong. We fixed both,", Direct, "Grant"),
        ],
    },
    Case {
        name: "nested quote stays inside the outer one",
        text: "“He told me ‘never again’ and meant it,” Lena Park said.",
        quotes: &[("He told me ‘never again’ and meant it,", Direct, "Park")],
    },
    Case {
        name: "title of a work is not a quote",
        text: "She starred in the film “Winter Harbour” last year.",
        quotes: &[],
    },
    Case {
        name: "scare quotes with no one speaking",
        text: "The so-called “reform” passed without debate.",
        quotes: &[],
    },
    Case {
        name: "indirect: X said that",
        text: "The minister said that the border would reopen next week.",
        quotes: &[(
            "that the border would reopen next week",
            Indirect,
            "minister",
        )],
    },
    Case {
        name: "indirect: according to",
        text: "According to the ministry, the fires are under control.",
        quotes: &[("the fires are under control", Indirect, "ministry")],
    },
    Case {
        name: "indirect: told an outlet",
        text: "Ms Ortiz told the Harbour Gazette that repairs would start in May.",
        quotes: &[("that repairs would start in May", Indirect, "Ortiz")],
    },
    Case {
        name: "indirect: attribution at the end",
        text: "The talks will resume on Friday, a senior official said.",
        quotes: &[("The talks will resume on Friday", Indirect, "official")],
    },
    Case {
        name: "organisation speaks",
        text: "“No staff were hurt,” the company said in a statement.",
        quotes: &[("No staff were hurt,", Direct, "company")],
    },
    Case {
        name: "party tag in brackets",
        text: "“This is a disgrace,” Sen. Jo Hale (D-Ore.) said Saturday.",
        quotes: &[("This is a disgrace,", Direct, "Hale")],
    },
    Case {
        name: "a listener after the cue is not the speaker",
        text: "“The pier will reopen in June,” the harbour master’s deputy, Ines Dalca, told the Harbour Gazette.",
        quotes: &[("The pier will reopen in June,", Direct, "Dalca")],
    },
    Case {
        name: "a role the phrase reader cannot read, then the name in commas",
        text: "The chief of staff, Tom Reed, said that the talks had stalled.",
        quotes: &[("that the talks had stalled", Indirect, "Reed")],
    },
    Case {
        name: "said by telephone is a report",
        text: "“It is nonsense,” Mr. Halvorsen said by telephone on Sunday.",
        quotes: &[("It is nonsense,", Direct, "Halvorsen")],
    },
    Case {
        name: "a passive cue reports nothing",
        text: "The figures were reported by the port authority, which runs the ferries.",
        quotes: &[],
    },
    Case {
        name: "a cue after a possessive is a noun",
        text: "The mayor’s claim that the pier is safe drew a crowd to the harbour.",
        quotes: &[],
    },
    Case {
        name: "descriptor, title and name before the participle cue",
        text: "Opposition hopeful Sen. Rui Tavares was also critical, telling the Gazette: “The plan is late and over budget.”",
        quotes: &[("The plan is late and over budget.", Direct, "Tavares")],
    },
    Case {
        name: "reported content ends where the subject says something else",
        text: "The mayor said the pier was safe, and accused the port board of delay.",
        quotes: &[("the pier was safe", Indirect, "mayor")],
    },
    Case {
        name: "reported content ends at the writer's own clause",
        text: "Ms Ortiz said repairs would start in May, she appeared tired after the meeting.",
        quotes: &[("repairs would start in May", Indirect, "Ortiz")],
    },
    Case {
        name: "a fronted clause keeps its subject inside the content",
        text: "Ms Ortiz said that if the money came, she would rebuild the pier.",
        quotes: &[(
            "that if the money came, she would rebuild the pier",
            Indirect,
            "Ortiz",
        )],
    },
    Case {
        name: "an honorific settles whom a pronoun can be",
        text: "Mr. Lund took on Mrs. Berg after the front-runner said that he was “a danger to the port.”\n\n“It is nonsense,” Mr. Lund said.\n\n(Mr. Lund was referring to Mrs. Berg’s account of the strike, later admitting she had not been there.)\n\n“My words stand for strength,” he said.",
        quotes: &[
            ("a danger to the port.", Partial, "front-runner"),
            ("It is nonsense,", Direct, "Lund"),
            ("My words stand for strength,", Direct, "Lund"),
        ],
    },
    Case {
        name: "a parenthetical according to reports the whole sentence",
        text: "In Ostend, the ferry runs twice a day, according to the port authority, although fog delays it.",
        quotes: &[(
            "In Ostend, the ferry runs twice a day, according to the port authority, although fog delays it",
            Indirect,
            "authority",
        )],
    },
    Case {
        name: "after a lead-in conjunction, according to reports the clause that follows",
        text: "But, according to the port authority, 46 ferries remain idle in the harbour.",
        quotes: &[(
            "46 ferries remain idle in the harbour",
            Indirect,
            "authority",
        )],
    },
    Case {
        name: "a gloss on the source after according to is not content",
        text: "Fares might rise in spring, according to Jan Holm, who advises the ministry.",
        quotes: &[("Fares might rise in spring", Indirect, "Holm")],
    },
    Case {
        name: "according to at the end reports the clause after a colon",
        text: "Costs rose again: the bridge will cost 40 million euros, according to the ministry.",
        quotes: &[(
            "the bridge will cost 40 million euros",
            Indirect,
            "ministry",
        )],
    },
    Case {
        name: "reported content that opens a quotation runs on to its close",
        text: "The mayor added that the depot was \u{201c}finished on time. Nobody believed us,\u{201d} and left.",
        quotes: &[
            (
                "that the depot was \u{201c}finished on time. Nobody believed us,\u{201d}",
                Indirect,
                "mayor",
            ),
            ("finished on time. Nobody believed us,", Partial, "mayor"),
        ],
    },
    Case {
        name: "reported speech with a new cue verb: implied",
        text: "The minister implied that the port would close in May.",
        quotes: &[("that the port would close in May", Indirect, "minister")],
    },
    Case {
        name: "a stance's object runs on past an initial",
        text: "The council endorsed Donald J. Tramm for mayor.",
        quotes: &[("Donald J. Tramm for mayor", Indirect, "council")],
    },
    Case {
        name: "a stance's object ends where the writer's clause begins",
        text: "The union endorsed the plan during a meeting on Monday.",
        quotes: &[("the plan", Indirect, "union")],
    },
    Case {
        name: "only adverbials after the cue: the content is the clause before",
        text: "The bridge will close in May, the mayor said in an interview on Tuesday.",
        quotes: &[("The bridge will close in May", Indirect, "mayor")],
    },
    Case {
        name: "a transcript's turns report the speaker's paragraph",
        text: "The interview was edited for length.\n\nQ: Why did the ferry stop running?\n\nA: Nobody paid for the fuel, and the crew went home.\n\nQ: Will it run again?",
        quotes: &[
            ("Why did the ferry stop running", Indirect, "Q"),
            (
                "Nobody paid for the fuel, and the crew went home",
                Indirect,
                "A",
            ),
            ("Will it run again", Indirect, "Q"),
        ],
    },
    Case {
        name: "called that names is no report",
        text: "Jan Holm founded a group called Citizens for Rail. The tax, as the bill is called, would end in May.",
        quotes: &[],
    },
    Case {
        name: "labelled sections are not a transcript",
        text: "The race goes on.\n\nHolm: Win in a walk.\n\nBirk: Hold on until spring.",
        quotes: &[],
    },
    Case {
        name: "a question closes its sentence; the source after it still speaks it",
        text: "Erik Lund spoke.\n\n''Can we save the port?'' Mr. Lund asked.",
        quotes: &[("Can we save the port?", Direct, "Lund")],
    },
    Case {
        name: "a stance's object runs on through a list",
        text: "The council endorsed the tram, the bus lanes and the new depot.",
        quotes: &[(
            "the tram, the bus lanes and the new depot",
            Indirect,
            "council",
        )],
    },
    Case {
        name: "a stance's object ends where a clause of its own begins",
        text: "The council endorsed the tram, and the mayor left early.",
        quotes: &[("the tram", Indirect, "council")],
    },
    Case {
        name: "reported content ends at a gloss after a last dash",
        text: "The minister said the fund was full — a claim the auditors dispute.",
        quotes: &[("the fund was full", Indirect, "minister")],
    },
    Case {
        name: "an opening adverb is no speaker: the name after it speaks",
        text: "However, Rosa Lind, the airport's director, said in a statement that the runway would reopen.",
        quotes: &[("that the runway would reopen", Indirect, "Lind")],
    },
    Case {
        name: "an opening phrase of time is no speaker: the clause's pronoun is",
        text: "Pedro Alves ran the port for a decade. Last year, he played down the losses and reportedly argued that the strike would end soon.",
        quotes: &[("that the strike would end soon", Indirect, "Alves")],
    },
    Case {
        name: "a count of time opening the sentence is no speaker",
        text: "One month after the vote, Senator Eva Holm said the count was fair.",
        quotes: &[("the count was fair", Indirect, "Holm")],
    },
    Case {
        name: "a capital article opens a document that speaks after a colon",
        text: "The inspectors wrote to the board. The letter continues: “Please explain the delay.”",
        quotes: &[("Please explain the delay.", Direct, "letter")],
    },
    Case {
        name: "a role and a place, then the name: the name speaks",
        text: "Its agent in Lisbon, Zhang Wei, said the crew had waited nine days.",
        quotes: &[("the crew had waited nine days", Indirect, "Zhang")],
    },
    Case {
        name: "a person of a state speaks, not the state",
        text: "Senator Ana Ruiz of Ohio proposed that the tariff be lifted.",
        quotes: &[("that the tariff be lifted", Indirect, "Ruiz")],
    },
    Case {
        name: "reported content ends at a gloss on a name",
        text: "The official said the bureau had questioned Omar Haddad, who ran the server for years.",
        quotes: &[(
            "the bureau had questioned Omar Haddad",
            Indirect,
            "official",
        )],
    },
    Case {
        name: "a stance participle after a comma takes the clause's source; its object follows 'to'",
        text: "The mayor spoke on Monday, referring to the new budget.",
        quotes: &[("the new budget", Indirect, "mayor")],
    },
    Case {
        name: "a quotation opening after the writer's words is a mixed quote: the clause is reported",
        text: "He had “wanted to fly since he was five,” his brother told the Courier.",
        quotes: &[
            ("wanted to fly since he was five,", Partial, "brother"),
            (
                "He had “wanted to fly since he was five,”",
                Indirect,
                "brother",
            ),
        ],
    },
    Case {
        name: "a name, its party in brackets, a comma, then the cue",
        text: "After winning the state primary, Gov. Lena Park (D-OR), said, “We are going all the way.”",
        quotes: &[("We are going all the way.", Direct, "Park")],
    },
    Case {
        name: "'As X, an appositive with a title in quotes, put it,' then the quote",
        text: "As Rita Moreau, professor of law and author of ''The Quiet Court,'' put it, ''The Senate should settle now.''",
        quotes: &[("The Senate should settle now.", Direct, "Moreau")],
    },
    Case {
        name: "a sentence opening with a poll reports its finding",
        text: "In a new Harbor Institute poll, the mayor leads her rival 48 percent to 41 percent.",
        quotes: &[(
            "the mayor leads her rival 48 percent to 41 percent",
            Indirect,
            "poll",
        )],
    },
    Case {
        name: "an opening 'in' phrase with a verb of report of its own is left to that verb",
        text: "In a statement on Monday, the ministry said the port would reopen.",
        quotes: &[("the port would reopen", Indirect, "ministry")],
    },
    Case {
        name: "a cue in a fronted subordinate clause reports up to the clause's comma",
        text: "While the voters said the mayor has the “best record,” the challenger leads the poll.",
        quotes: &[
            ("best record,", Partial, "voters"),
            ("the mayor has the “best record,”", Indirect, "voters"),
        ],
    },
    Case {
        name: "a fronted clause ends at a comma outside quotation marks too",
        text: "Although the minister said the fund was full, the auditors disagree.",
        quotes: &[("the fund was full", Indirect, "minister")],
    },
    Case {
        name: "'and' with a second participle of report starts a second report",
        text: "The mayor attacked the council, calling its members cowards and vowing to veto the budget.",
        quotes: &[
            ("its members cowards", Indirect, "mayor"),
            ("to veto the budget", Indirect, "mayor"),
        ],
    },
    Case {
        name: "a poll, a participle of publication and a time, then the cue",
        text: "A Harbor Institute poll released on Tuesday showed the mayor with a ten-point lead.",
        quotes: &[("the mayor with a ten-point lead", Indirect, "poll")],
    },
    Case {
        name: "a name with a bracket and an appositive before the cue speaks, not a pronoun after it",
        text: "The board met on Monday. Rep. Tomas Brandt (Ohio), a member supporting the plan, said he has spoken with the governor.",
        quotes: &[("he has spoken with the governor", Indirect, "Brandt")],
    },
    Case {
        name: "a name after an opening phrase, its bracket and a relative clause speaks",
        text: "Speaking later that evening, Sen. Ada Kerr (D-Mo.), who has endorsed Lind, said the race was close.",
        quotes: &[("the race was close", Indirect, "Kerr")],
    },
    Case {
        name: "a stance's object can be one word, and ends at the writer's adjunct",
        text: "Jeff Weaver endorsed Lind during a call with reporters on Tuesday.",
        quotes: &[("Lind", Indirect, "Weaver")],
    },
    Case {
        name: "an opening adverb or month is no speaker",
        text: "Senator Ada Kerr spoke first. Essentially, she argued that the levy was unfair. Last September, she warned that the dam would fail.",
        quotes: &[
            ("that the levy was unfair", Indirect, "Kerr"),
            ("that the dam would fail", Indirect, "Kerr"),
        ],
    },
    Case {
        name: "'As the role, Name, put it': the name speaks",
        text: "As the company's chief executive, Ines Vidal, put it in a memo to employees, ''We are one of them now.''",
        quotes: &[("We are one of them now.", Direct, "Vidal")],
    },
    Case {
        name: "an adverbial before a quotation is not reported speech",
        text: "The mayor said in a statement on Monday, “We will not back down.”",
        quotes: &[("We will not back down.", Direct, "mayor")],
    },
    Case {
        name: "an adjective left by a cue read as a verb is no speaker",
        text: "Mayor Ana Ortiz spoke next. In a snappy retort to the council, she said the budget was fine.",
        quotes: &[("the budget was fine", Indirect, "Ortiz")],
    },
    Case {
        name: "an infinitive cue speaks for the subject of its verb",
        text: "Ms. Lee went on to say, “We will appeal.”",
        quotes: &[("We will appeal.", Direct, "Lee")],
    },
    Case {
        name: "a name ending in -ed opening the sentence is no participle",
        text: "Husted continued by saying, “We will appeal the ruling today.”",
        quotes: &[("We will appeal the ruling today.", Direct, "Husted")],
    },
    Case {
        name: "a time or the channel between the subject and the cue",
        text: "Port director Lena Sousa on Friday evening said the cranes would restart. The ministry in a statement said the strike had ended.",
        quotes: &[
            ("the cranes would restart", Indirect, "Sousa"),
            ("the strike had ended", Indirect, "ministry"),
        ],
    },
    Case {
        name: "a reflexive after the subject",
        text: "The council blamed the contractor. The contractor itself said the pipes were sound.",
        quotes: &[("the pipes were sound", Indirect, "contractor")],
    },
    Case {
        name: "a share of those polled speaks",
        text: "Turnout was low. About 41 percent said they would vote for the levy.",
        quotes: &[("they would vote for the levy", Indirect, "41 percent")],
    },
    Case {
        name: "the noun before 'from' a place speaks",
        text: "A farmer from Vermont said the rain came too late.",
        quotes: &[("the rain came too late", Indirect, "farmer from Vermont")],
    },
    Case {
        name: "'and added' is the same subject's second report",
        text: "Mayor Ana Ortiz said the budget was balanced and added that taxes would fall.",
        quotes: &[
            ("the budget was balanced", Indirect, "Ortiz"),
            ("that taxes would fall", Indirect, "Ortiz"),
        ],
    },
    Case {
        name: "a contrast after a comma is the writer's",
        text: "Ms. Kerr said she supports the levy, but she would not campaign for it.",
        quotes: &[("she supports the levy", Indirect, "Kerr")],
    },
    Case {
        name: "a document with its agent and time speaks, not the agent",
        text: "A fundraising email sent by the Kerr campaign on Tuesday night warned that the race was close.",
        quotes: &[("that the race was close", Indirect, "fundraising email")],
    },
    Case {
        name: "a particle opening a sentence is part of the name",
        text: "De Soto said the bridge would reopen in May.",
        quotes: &[("the bridge would reopen in May", Indirect, "De Soto")],
    },
    Case {
        name: "'according to' takes any phrase, after a colon too, and a pronoun resolves",
        text: "The race has shifted: According to recent polls, Lind leads by six points. Ana Ortiz left early. According to her, the port was closed.",
        quotes: &[
            ("Lind leads by six points", Indirect, "recent polls"),
            ("the port was closed", Indirect, "Ortiz"),
        ],
    },
    Case {
        name: "'according to' between spaced hyphens reports the whole sentence",
        text: "Most farmers - 63 percent in 2014, according to the survey - still irrigate at night.",
        quotes: &[(
            "Most farmers - 63 percent in 2014, according to the survey - still irrigate at night",
            Indirect,
            "survey",
        )],
    },
    Case {
        name: "ratios of those polled and bare plurals speak",
        text: "Six in 10 say the mayor is decisive. Nearly nine out of 10 say the buses run late. Dock workers say the cranes are unsafe.",
        quotes: &[
            ("the mayor is decisive", Indirect, "Six in 10"),
            ("the buses run late", Indirect, "nine out of 10"),
            ("the cranes are unsafe", Indirect, "Dock workers"),
        ],
    },
    Case {
        name: "a parenthetical source with its listener reports the whole sentence",
        text: "The solution, the partner told them, was simple. Ana Ortiz told reporters, \"We will win.\"",
        quotes: &[
            (
                "The solution, the partner told them, was simple",
                Indirect,
                "partner",
            ),
            ("We will win.", Direct, "Ortiz"),
        ],
    },
    Case {
        name: "a naming ends at the writer's adjunct; a belief at 'and' with a participle",
        text: "Ms. Ortiz called her late husband her hero before explaining why she stayed. Many farmers believe the dam is unsafe and have been calling on the state to act.",
        quotes: &[
            ("her late husband her hero", Indirect, "Ortiz"),
            ("the dam is unsafe", Indirect, "Many farmers"),
        ],
    },
    Case {
        name: "a poll released at a time speaks, past the time",
        text: "New polls released Sunday showed Lind taking a lead in the race.",
        quotes: &[("Lind taking a lead in the race", Indirect, "New polls")],
    },
    Case {
        name: "a naming of two words; the asker reports the question",
        text: "Lind opened with harsh words about the unions, calling them parasites. \"Absolutely,\" Lind said when asked by a reporter if that remained her view.",
        quotes: &[
            ("them parasites", Indirect, "Lind"),
            ("Absolutely,", Direct, "Lind"),
            ("if that remained her view", Indirect, "reporter"),
        ],
    },
    Case {
        name: "cues used as nouns, questions, 'found himself' and 'continued a contest' report nothing",
        text: "She hedged on her previous support for the deal. The MSNBC show aired late. Do you support Ted Cruz? Lind once again found herself in trouble. Lind and Marsh continued a fierce contest in Ohio. Trump said to a crowd of about 500.",
        quotes: &[],
    },
    Case {
        name: "'continued' after a quotation still speaks",
        text: "\"We will rebuild the pier,\" Lind continued.",
        quotes: &[("We will rebuild the pier,", Direct, "Lind")],
    },
    Case {
        name: "a name after a cue after a comma is inverted, a name opening content is not",
        text: "Farmers have more room to sell water, said Tomas Brandt, a grain trader in Ames. Lind, meanwhile, said Marsh had lied.",
        quotes: &[
            ("Farmers have more room to sell water", Indirect, "Brandt"),
            ("Marsh had lied", Indirect, "Lind"),
        ],
    },
    Case {
        name: "'but said' is the subject's next report",
        text: "Ms. Kerr said she had met Brandt twice but said neither meeting was about the levy.",
        quotes: &[
            ("she had met Brandt twice", Indirect, "Kerr"),
            ("neither meeting was about the levy", Indirect, "Kerr"),
        ],
    },
    Case {
        name: "a second subject and cue after a comma start a report of their own; a pro-form speaks",
        text: "One agency says there are 2,400 wells, another says there are about 1,800.",
        quotes: &[
            ("there are 2,400 wells", Indirect, "One agency"),
            ("there are about 1,800", Indirect, "another"),
        ],
    },
    Case {
        name: "a long bracket after a name",
        text: "Sen. Ada Kerr (a Vermont Democrat so young she has been mistaken for an intern) says she was unprepared.",
        quotes: &[("she was unprepared", Indirect, "Kerr")],
    },
    Case {
        name: "'compared' and 'offered' report their object",
        text: "Mayor Ana Ortiz compared the levy to a toll on every kitchen tap. Her rival offered a defense of the plan.",
        quotes: &[
            ("the levy to a toll on every kitchen tap", Indirect, "Ortiz"),
            ("a defense of the plan", Indirect, "rival"),
        ],
    },
    Case {
        name: "'named' reports a choice, unless it names",
        text: "A man named John Ward said the road was closed. Lind named Marsh as her running mate.",
        quotes: &[
            ("the road was closed", Indirect, "Ward"),
            ("Marsh as her running mate", Indirect, "Lind"),
        ],
    },
    Case {
        name: "a stance's object ends at a participle after a comma, though 'and' follows",
        text: "In 2016, Mrs. Hale endorsed Tomas Brandt for mayor, saying he had the courage and the energy to win.",
        quotes: &[("Tomas Brandt for mayor", Indirect, "Hale")],
    },
    Case {
        name: "a plural after capitalised words speaks mid-sentence",
        text: "Leaks are so common that Harbor Patrol divers described the old pier as a sieve.",
        quotes: &[("the old pier as a sieve", Indirect, "Harbor Patrol divers")],
    },
    Case {
        name: "', and <subject> <cue>' ends the report before it",
        text: "The union issued a statement calling the strike a test for every port, and Spanish stevedores said they would refuse overtime.",
        quotes: &[
            ("the strike a test for every port", Indirect, "statement"),
            ("they would refuse overtime", Indirect, "Spanish stevedores"),
        ],
    },
];

fn speaker_name(ann: &Annotations, idx: Option<usize>) -> String {
    idx.and_then(|i| ann.speakers.get(i))
        .map(|s| format!("{} {}", s.name, s.aliases.join(" ")))
        .unwrap_or_default()
}

#[test]
fn rule_table() {
    let mut failures = Vec::new();
    for case in CASES {
        let body = normalize(case.text);
        let ann = annotate(&body);
        let text = body.as_str();
        if case.quotes.is_empty() && !ann.quotes.is_empty() {
            failures.push(format!(
                "{}: want no quotes, got {:?}",
                case.name,
                ann.quotes
                    .iter()
                    .map(|q| (q.kind, q.span.slice(text)))
                    .collect::<Vec<_>>()
            ));
        }
        let direct: Vec<_> = ann.quotes.iter().filter(|q| q.kind != Indirect).collect();
        let want_direct = case.quotes.iter().filter(|q| q.1 != Indirect).count();
        if direct.len() != want_direct {
            failures.push(format!(
                "{}: {} direct/partial quotes, want {want_direct}: {:?}",
                case.name,
                direct.len(),
                direct
                    .iter()
                    .map(|q| q.span.slice(text))
                    .collect::<Vec<_>>()
            ));
        }
        for (want, kind, who) in case.quotes {
            let Some(q) = ann
                .quotes
                .iter()
                .find(|q| q.span.slice(text) == *want && q.kind == *kind)
            else {
                let got: Vec<_> = ann
                    .quotes
                    .iter()
                    .map(|q| (q.kind, q.span.slice(text)))
                    .collect();
                failures.push(format!(
                    "{}: no {kind:?} quote {want:?}; got {got:?}",
                    case.name
                ));
                continue;
            };
            let name = speaker_name(&ann, q.speaker).to_lowercase();
            let ok = if who.is_empty() {
                q.speaker.is_none() || !name.is_empty()
            } else {
                name.contains(&who.to_lowercase())
            };
            if !ok {
                failures.push(format!(
                    "{}: {want:?} attributed to {name:?}, want {who:?}",
                    case.name
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn one_speaker_however_named() {
    let text = "President Jane Holt said the plan would work. “It will,” Ms Holt said. “Trust me,” the President added, “it will.” Later she said the vote was close.";
    let body = normalize(text);
    let ann = annotate(&body);
    let holt: Vec<_> = ann
        .speakers
        .iter()
        .filter(|s| s.name.contains("Holt"))
        .collect();
    assert_eq!(holt.len(), 1, "{:?}", ann.speakers);
    let quotes = ann
        .quotes
        .iter()
        .filter(|q| {
            q.speaker
                .is_some_and(|i| ann.speakers[i].name.contains("Holt"))
        })
        .count();
    assert_eq!(
        quotes,
        ann.quotes.len(),
        "every quote is Holt's: {:?}",
        ann.quotes
    );
}

#[test]
fn broken_quote_is_two_linked_stretches() {
    let body = normalize("“The water is safe,” she said, “and it will stay safe.” Then she left.");
    let ann = annotate(&body);
    let direct: Vec<_> = ann
        .quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Direct)
        .collect();
    assert_eq!(direct.len(), 2, "{direct:?}");
    assert!(
        direct[0].group.is_some() && direct[0].group == direct[1].group,
        "{direct:?}"
    );
    let separate = annotate(&normalize("“One,” she said. “Two,” he said."));
    assert!(
        separate.quotes.iter().all(|q| q.group.is_none()),
        "{:?}",
        separate.quotes
    );
}
