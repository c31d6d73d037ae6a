// The demo page's own words (header, explanation, "How it works") in each
// language the help form speaks; `?lang=fr` picks one, and sets <html lang>
// so that <takecontrol-help> speaks it too. Imported by app.js before the
// element, so the page is in its language when the element first renders.
// The form's words are the package's (takecontrol-session/element).
const PAGES = {
  en: {
    title: "Get remote help – Example Co. Support",
    description: "Ask a technician to connect to your computer and fix the problem with you.",
    section: "Support",
    heading: "Get remote help",
    intro:
      "Tell us who you are and what is wrong. A technician will connect to your computer and fix it with you. " +
      "Every field is optional, but the more you tell us, the faster we can help.",
    noscript: "This page needs JavaScript to reach a technician.",
    howTitle: "How it works",
    steps: [
      ["Tell us what is wrong.", "It takes a minute."],
      ["Join the queue.", "This page shows your place in line and about how long you will wait."],
      ["A technician connects.", "They ask for your permission first, and you can end the session at any time."],
    ],
    footer: "Remote support by N-able Take Control.",
    fallback: "Call us on +1 555 0100",
  },
  fr: {
    title: "Obtenir de l’aide à distance – Assistance Example Co.",
    description: "Demandez à un technicien de se connecter à votre ordinateur pour résoudre le problème avec vous.",
    section: "Assistance",
    heading: "Obtenir de l’aide à distance",
    intro:
      "Dites-nous qui vous êtes et ce qui ne va pas. Un technicien se connectera à votre ordinateur et réglera le problème avec vous. " +
      "Tous les champs sont facultatifs, mais plus vous nous en dites, plus nous pourrons vous aider rapidement.",
    noscript: "Cette page a besoin de JavaScript pour vous mettre en relation avec un technicien.",
    howTitle: "Comment ça marche",
    steps: [
      ["Dites-nous ce qui ne va pas.", "Cela ne prend qu’une minute."],
      ["Rejoignez la file d’attente.", "Cette page indique votre place dans la file et le temps d’attente approximatif."],
      ["Un technicien se connecte.", "Il vous demande d’abord votre autorisation, et vous pouvez mettre fin à la session à tout moment."],
    ],
    footer: "Assistance à distance fournie par N-able Take Control.",
    fallback: "Appelez-nous au +1 555 0100",
  },
  de: {
    title: "Fernhilfe anfordern – Example Co. Support",
    description: "Ein Techniker verbindet sich mit Ihrem Computer und löst das Problem gemeinsam mit Ihnen.",
    section: "Support",
    heading: "Fernhilfe anfordern",
    intro:
      "Sagen Sie uns, wer Sie sind und was nicht funktioniert. Ein Techniker verbindet sich mit Ihrem Computer und behebt das Problem gemeinsam mit Ihnen. " +
      "Alle Felder sind freiwillig, aber je mehr Sie uns sagen, desto schneller können wir helfen.",
    noscript: "Diese Seite benötigt JavaScript, um einen Techniker zu erreichen.",
    howTitle: "So funktioniert es",
    steps: [
      ["Sagen Sie uns, was nicht funktioniert.", "Das dauert nur eine Minute."],
      ["Reihen Sie sich in die Warteschlange ein.", "Diese Seite zeigt Ihre Position in der Warteschlange und die ungefähre Wartezeit."],
      ["Ein Techniker verbindet sich.", "Er bittet Sie zuerst um Ihre Zustimmung, und Sie können die Sitzung jederzeit beenden."],
    ],
    footer: "Fernsupport mit N-able Take Control.",
    fallback: "Rufen Sie uns unter +1 555 0100 an",
  },
  es: {
    title: "Obtener asistencia remota – Soporte de Example Co.",
    description: "Pida a un técnico que se conecte a su equipo y resuelva el problema con usted.",
    section: "Soporte",
    heading: "Obtener asistencia remota",
    intro:
      "Díganos quién es y qué ocurre. Un técnico se conectará a su equipo y resolverá el problema con usted. " +
      "Todos los campos son opcionales, pero cuanto más nos cuente, más rápido podremos ayudar.",
    noscript: "Esta página necesita JavaScript para comunicarse con un técnico.",
    howTitle: "Cómo funciona",
    steps: [
      ["Cuéntenos qué ocurre.", "Solo le llevará un minuto."],
      ["Únase a la lista de espera.", "Esta página muestra su posición en la lista y cuánto tiempo esperará aproximadamente."],
      ["Un técnico se conecta.", "Primero le pide permiso, y usted puede finalizar la sesión en cualquier momento."],
    ],
    footer: "Asistencia remota con N-able Take Control.",
    fallback: "Llámenos al +1 555 0100",
  },
  it: {
    title: "Richiedi assistenza remota – Supporto Example Co.",
    description: "Un tecnico si collega al suo computer e risolve il problema insieme a lei.",
    section: "Supporto",
    heading: "Richiedi assistenza remota",
    intro:
      "Ci dica chi è e qual è il problema. Un tecnico si collegherà al suo computer e lo risolverà insieme a lei. " +
      "Tutti i campi sono facoltativi, ma più informazioni ci fornisce, più velocemente potremo aiutarla.",
    noscript: "Per contattare un tecnico, questa pagina richiede JavaScript.",
    howTitle: "Come funziona",
    steps: [
      ["Descriva il problema.", "Basta un minuto."],
      ["Attenda in coda.", "Questa pagina mostra la sua posizione in coda e il tempo di attesa indicativo."],
      ["Un tecnico si collega.", "Prima le chiede l’autorizzazione, e lei può terminare la sessione in qualsiasi momento."],
    ],
    footer: "Assistenza remota con N-able Take Control.",
    fallback: "Ci chiami al +1 555 0100",
  },
  nl: {
    title: "Hulp op afstand aanvragen – Example Co. Support",
    description: "Laat een technicus verbinding maken met uw computer om het probleem samen met u op te lossen.",
    section: "Support",
    heading: "Hulp op afstand aanvragen",
    intro:
      "Vertel ons wie u bent en wat er mis is. Een technicus maakt verbinding met uw computer en lost het probleem samen met u op. " +
      "Alle velden zijn optioneel, maar hoe meer u ons vertelt, hoe sneller we u kunnen helpen.",
    noscript: "Deze pagina heeft JavaScript nodig om een technicus te bereiken.",
    howTitle: "Zo werkt het",
    steps: [
      ["Vertel ons wat er mis is.", "Dat duurt maar een minuut."],
      ["Sluit aan in de wachtrij.", "Deze pagina toont uw plaats in de wachtrij en hoelang u ongeveer moet wachten."],
      ["Een technicus maakt verbinding.", "Eerst wordt om uw toestemming gevraagd, en u kunt de sessie op elk moment beëindigen."],
    ],
    footer: "Hulp op afstand via N-able Take Control.",
    fallback: "Bel ons op +1 555 0100",
  },
  "pt-BR": {
    title: "Obter ajuda remota – Suporte da Example Co.",
    description: "Peça para um técnico se conectar ao seu computador e resolver o problema com você.",
    section: "Suporte",
    heading: "Obter ajuda remota",
    intro:
      "Conte quem você é e qual é o problema. Um técnico vai se conectar ao seu computador e resolver tudo com você. " +
      "Todos os campos são opcionais, mas quanto mais você contar, mais rápido podemos ajudar.",
    noscript: "Esta página precisa de JavaScript para falar com um técnico.",
    howTitle: "Como funciona",
    steps: [
      ["Conte qual é o problema.", "Leva só um minuto."],
      ["Entre na fila.", "Esta página mostra sua posição na fila e o tempo aproximado de espera."],
      ["Um técnico se conecta.", "Ele pede sua permissão antes, e você pode encerrar a sessão a qualquer momento."],
    ],
    footer: "Suporte remoto com N-able Take Control.",
    fallback: "Ligue para +1 555 0100",
  },
};

/** The page's language: `?lang=`, when the page has it, else English. */
export const language = (() => {
  const asked = new URLSearchParams(location.search).get("lang") ?? "";
  return Object.keys(PAGES).find((tag) => tag.toLowerCase() === asked.toLowerCase()) ?? "en";
})();

const words = PAGES[language];
document.documentElement.lang = language;
document.title = words.title;
document.querySelector('meta[name="description"]')?.setAttribute("content", words.description);
for (const element of document.querySelectorAll("[data-text]")) {
  element.textContent = words[element.dataset.text];
}
document.querySelectorAll(".how li").forEach((item, i) => {
  const [lead, rest] = words.steps[i] ?? ["", ""];
  const strong = document.createElement("strong");
  strong.textContent = lead;
  item.replaceChildren(strong, ` ${rest}`);
});

/** The demo's fallback link text, in the page's language. */
export const fallbackText = words.fallback;
