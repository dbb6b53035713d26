"""Lay-to-legal expansion: everyday words reach the texts' terms, and look-alike words do not."""

import pytest

from assistant.retrieval.expansion import PUBLIC_BODY, expand, setting_terms


@pytest.mark.parametrize(
    ("question", "legal"),
    [
        ("Peut-on noter les habitants selon leur comportement ?", "notation sociale"),
        ("La mairie veut installer des caméras avec reconnaissance faciale", "identification biométrique"),
        ("Quelle amende risque-t-on ?", "amendes administratives"),
        ("Notre éditeur doit-il nous fournir une notice ?", "fournisseur"),
        ("Est-ce un usage risqué pour les aides sociales ?", "systèmes d'IA à haut risque"),
        ("Elle veut que ses messages soient effacés.", "droit à l'effacement"),
        ("Le dossier peut-il être traité entièrement par l'IA ?", "traitement automatisé"),
        ("Faut-il prévenir l'usager qu'il discute avec une IA ?", "interagir directement avec des personnes"),
        ("Les habitants doivent-ils savoir qu'ils parlent à une machine ?", "interagir directement avec des personnes"),
        ("Le site dépose des cookies", "équipement terminal"),
        ("Qu'est-ce que la culture IA attendue des agents ?", "maîtrise de l'IA"),
        ("Doit-on inscrire ce traitement au registre ?", "registre des activités de traitement"),
        ("Depuis quand cette règle s'applique-t-elle ?", "entrée en vigueur"),
        ("Un outil qui note les demandeurs de logement ?", "notation sociale"),
        ("Une note de civisme pour les habitants ?", "notation sociale"),
        ("Doit-on mettre en ligne les règles de l'algorithme ?", "publient en ligne"),
        ("Les règles sont-elles publiées ?", "publient en ligne"),
        ("Un refus d'aide doit-il être motivé ?", "motivation des décisions"),
        ("Les obligations, c'est pour quand ?", "entrée en vigueur"),
        ("Que mettre dans une AIPD ?", "analyse d'impact relative à la protection des données"),
        ("Qui rédige la FRIA ?", "analyse d'impact sur les droits fondamentaux"),
        ("Un habitant peut-il saisir la CNIL ?", "autorité de contrôle"),
        ("La CADA a rendu un avis.", "commission d'accès aux documents administratifs"),
        ("Doit-on nommer un DPO ?", "désigner"),
        ("Une IA peut-elle piloter les feux de circulation ?", "infrastructures critiques"),
        ("Le prestataire héberge les données sur des serveurs aux États-Unis.", "pays tiers"),
        ("Ses données sont erronées, peut-il les faire corriger ?", "droit de rectification"),
        ("Un habitant peut-il s'opposer à ce traitement ?", "droit d'opposition"),
        ("Où un usager peut-il se plaindre ?", "réclamation"),
        ("Deux communes utilisent conjointement le même outil.", "responsables conjoints"),
        ("Le maire voudrait que le DGS soit aussi le DPO.", "conflit d'intérêts"),
        ("Le DPO peut-il aussi être le responsable informatique ?", "conflit d'intérêts"),
        ("Le DGS peut-il aussi être le DPO de la commune ?", "conflit d'intérêts"),
        ("Le prestataire fait traiter les données par un autre fournisseur.", "un autre sous-traitant"),
        ("Le logiciel pourrait-il répondre tout seul aux recours gracieux ?", "exclusivement"),
        ("Peut-on réutiliser les dossiers d'aide pour entraîner un outil ?", "limitation des finalités"),
        ("Ces données ont été recueillies pour autre chose.", "limitation des finalités"),
        ("Une collègue a copié des dossiers d'usagers dans un chatbot gratuit.", "violation de données"),
        ("Combien de temps garder ces traces de notre côté ?", "journaux générés automatiquement"),
        ("Avons-nous une démarche d'inscription à faire ?", "base de données de l'UE"),
        ("Que risque-t-elle financièrement ?", "amendes administratives"),
        ("Il n'est pas content de notre réponse : peut-il aller voir la CNIL ?", "réclamation"),
        ("Des informations versées à son dossier, qu'il estime fausses.", "droit de rectification"),
        ("Peut-on réutiliser pour l'IA les données collectées pour la cantine ?", "limitation des finalités"),
        ("Quelles clauses mettre dans le marché public ?", "contrat ou autre acte juridique"),
        ("Les agents suivent les propositions de l'IA les yeux fermés.", "biais d'automatisation"),
        ("L'outil a eu un dysfonctionnement grave.", "incident grave"),
        ("Que doit-on saisir dans la base européenne ?", "enregistrement base de données de l'UE"),
        ("Dans quel format publier l'inventaire ?", "standard ouvert"),
        ("Le SDIS veut trier les appels par ordre de gravité.", "appels d'urgence"),
        ("Des articles rédigés par une IA sur le site de la ville ?", "intérêt public"),
        ("Doit-on pouvoir couper l'outil à tout moment ?", "bouton d'arrêt"),
        ("Qu'est-ce que la CNIL peut exiger de nous ?", "mesures correctrices"),
        ("Peut-on se fonder sur l'intérêt légitime ?", "licéité du traitement"),
        ("Collecte-t-on trop de données sur les familles ?", "minimisation des données"),
        ("Une famille veut qu'on lui explique la décision.", "droit à l'explication"),
        ("L'outil ne fait qu'une tâche préparatoire pour l'instructeur.", "tâche procédurale étroite"),
        ("Si on modifie nous-mêmes le logiciel, que se passe-t-il ?", "modification substantielle"),
        ("Le rapport est encore en cours de rédaction.", "documents inachevés"),
        ("Faut-il redemander ces pièces aux familles ?", "échanges de données entre administrations"),
        ("Quelles informations donner aux habitants sur ce formulaire ?", "informations à fournir"),
        ("Doit-on former tous les agents avant l'ouverture de l'outil ?", "maîtrise de l'IA"),
        ("Faut-il garantir à chacun un certain niveau ?", "niveau suffisant de maîtrise"),
        ("Les tarifs sont calculés par un logiciel à partir du quotient.", "traitement algorithmique"),
        ("Un algorithme peut-il attribuer tout seul les places ?", "traitement automatisé"),
        ("La décision sort sans qu'aucun agent ne la relise.", "traitement automatisé"),
        ("Des conversations du service ont fuité.", "violation de données"),
        ("Faut-il une étude sur les risques pour les droits des personnes ?", "droits fondamentaux"),
        ("On ne lui a pas encore répondu : que peut-il faire ?", "saisir la commission d'accès"),
        ("Il veut voir toutes les données que l'outil a sur lui.", "droit d'accès"),
        ("Combien de temps avons-nous pour lui répondre ?", "délai d'un mois à compter de la réception"),
        ("Que faut-il écrire exactement sur le courrier aux familles ?", "mention explicite"),
        ("Doit-on donner les règles de l'outil à ceux qui les demandent ?", "règles définissant ce traitement"),
        ("Faut-il demander l'accord des parents ?", "consentement"),
        ("Faut-il un DPO dans une petite commune ?", "désignent en tout état de cause"),
        ("Est-on obligés d'avoir un délégué ?", "désignent en tout état de cause"),
        ("Le prestataire nous dit de justifier le traitement par l'intérêt de la commune.", "licéité du traitement"),
        ("Les décisions seraient prises directement par le logiciel.", "traitement automatisé"),
        ("La décision part sans relecture par un agent.", "traitement automatisé"),
        ("Le logiciel peut-il traiter le recours gracieux ?", "se prononce sur un recours administratif"),
        ("Un journaliste demande le code : est-on obligés de lui donner ?", "tenues de communiquer"),
        ("Il demande le tableau des scores. Doit-on le lui donner ?", "tenues de communiquer"),
        ("Un logiciel qui trie les CV ?", "filtrer les candidatures"),
        ("Faut-il prévenir les personnes âgées que leur dossier est évalué par une IA ?", "qu'elles sont soumises"),
        ("Faut-il en parler aux représentants du personnel ?", "représentants des travailleurs"),
        ("Si la mairie se trompe, elle risque combien ?", "amendes administratives"),
        ("Doit-on le déclarer quelque part au niveau européen ?", "base de données de l'UE"),
        ("Qu'est-ce que ça nous impose, à nous qui l'utilisons ?", "déployeur"),
        ("Notre logiciel tourne depuis 2023 : a-t-on un délai ?", "mis en service avant le 2 août 2026"),
        ("Douze communes peuvent-elles partager un seul DPO ?", "un seul délégué"),
        ("Le DGS doit-il m'associer au projet ?", "associé d'une manière appropriée"),
        ("Le DGS peut-il me dicter mes conclusions ?", "ne reçoive aucune instruction"),
        ("Une habitante refuse que ses données servent à l'outil.", "droit d'opposition"),
        ("La loi oblige-t-elle à prendre une solution libre ?", "logiciels libres"),
        ("Un outil qui propose le montant de l'APA ?", "aide sociale"),
        ("Quelle autorité française a été désignée ?", "autorités nationales compétentes"),
        ("La CNIL peut-elle mettre une amende à une commune ?", "mis en œuvre par l'Etat"),
        ("Le syndicat des eaux pilote la chloration par IA.", "infrastructures critiques"),
        ("Les aides seraient accordées directement par le logiciel.", "traitement automatisé"),
        ("Le dossier part sans qu'un agent relise.", "traitement automatisé"),
        ("Une collègue a collé le fichier dans un chatbot : faut-il prévenir la CNIL ?", "violation de données"),
        ("Il exige qu'on retire toutes ses contributions.", "droit à l'effacement"),
        ("Elle peut exiger une correction ?", "droit de rectification"),
        ("Il veut récupérer tout ce que l'outil a noté sur lui.", "droit d'accès"),
        ("Doit-on dire que la brève est écrite par une machine ?", "intérêt public"),
        ("Un outil répartit les tournées selon le rendement de chacun.", "attribuer des tâches"),
        ("Les opérateurs peuvent-ils passer outre la proposition ?", "ignorer, remplacer ou inverser"),
        ("Qui désigner pour surveiller l'outil ?", "confient le contrôle humain"),
        ("Qui doit surveiller les résultats de l'IA chez nous ?", "confient le contrôle humain"),
        ("Combien de temps garder les historiques que le logiciel produit ?", "journaux générés automatiquement"),
        ("Des « points de civisme » pour servir d'abord les mieux notés ?", "notation sociale"),
        ("Personne ne lui a répondu : quels recours ?", "saisir la commission d'accès"),
        ("Faire examiner les recours par un outil automatique ?", "exclusivement"),
        ("L'outil d'IA se contente de ranger les courriels.", "tâche procédurale étroite"),
        ("Il ne tranche rien sur les dossiers.", "tâche procédurale étroite"),
        ("Notre tableur, est-ce que c'est de l'« intelligence artificielle » ?", "niveaux d'autonomie"),
        ("Est-ce une « IA » ?", "niveaux d'autonomie"),
        ("Est-elle « fournisseur » au sens du texte européen ?", "définitions"),
        ("De fausses photos d'elle dénudée circulent.", "contenus intimes non consentis"),
        ("Une fausse vidéo à caractère sexuel circule.", "contenus intimes non consentis"),
        ("L'analyse d'impact RGPD est faite : peut-on s'en resservir ?", "complète l'analyse d'impact"),
        ("Doit-on arrêter de l'utiliser ?", "suspendent l'utilisation"),
        ("Les fichiers d'usagers qu'on injecte dans l'outil sont anciens.", "données d'entrée pertinentes"),
        ("Nos communes veulent mettre en commun leurs obligations de protection des données.", "service unifié"),
    ],
)
def test_everyday_words_reach_the_legal_terms(question, legal):
    expanded = expand(question)
    assert expanded.startswith(question)
    assert legal in expanded.removeprefix(question)


def test_the_verb_risquer_is_not_the_high_risk_category():
    """« Quelle amende risque une commune » is about fines: "risque" there is a verb, not "à haut risque"."""
    assert "haut risque" not in expand("Quelle amende risque une commune qui utilise une IA interdite ?")


def test_a_question_with_no_everyday_term_is_left_as_it_is():
    question = "Que prévoit l'article 4 du règlement ?"
    assert expand(question) == question


@pytest.mark.parametrize(
    ("question", "absent"),
    [
        ("Le CCAS envisage un outil d'orientation des usagers.", "biométrique"),
        ("Une formation suffisante est-elle exigée ?", "catégories particulières"),
        ("Combien de personnes peuvent candidater ?", "entrée en vigueur"),
        ("Faut-il quand même informer l'usager ?", "entrée en vigueur"),
        ("Quand un usager conteste une décision, que faire ?", "entrée en vigueur"),
        ("Un outil qui classe les usagers à partir de leur photo ?", "entrée en vigueur"),
        ("Dans quel délai répondre à une demande d'accès ?", "entrée en vigueur"),
        ("Peut-on garder le numéro de sécurité sociale ?", "sécurité du traitement"),
        ("Je dois faire une note au DGS sur l'IA.", "notation sociale"),
        ("Sur ce point, que dit le texte ?", "notation sociale"),
        ("Les compétences de la commune sont transférées : qui répond ?", "maîtrise de l'IA"),
        ("Les usagers remplissent un formulaire en ligne.", "publient en ligne"),
        ("Un agent a utilisé un assistant grand public en ligne.", "publient en ligne"),
        ("L'outil mesure la motivation des agents.", "motivation des décisions"),
        ("Le plan cadastral de la commune est-il public ?", "commission d'accès"),
        ("Un élu d'opposition est visé par une fausse vidéo.", "droit d'opposition"),
        ("Un élu d'opposition est visé par une fausse vidéo.", "droit de rectification"),
        ("La police enquête sur un trafic de stupéfiants.", "infrastructures critiques"),
        ("Les habitants peuvent-ils réutiliser ces données publiques ?", "limitation des finalités"),
        ("Faut-il fournir un fichier réutilisable pour la portabilité ?", "limitation des finalités"),
        ("Faut-il enregistrer les appels au standard ?", "base de données de l'UE"),
        ("Le département veut couper les aides indûment versées.", "bouton d'arrêt"),
        ("Avons-nous un plan de secours si le serveur tombe ?", "appels d'urgence"),
        ("Un agent a détourné un fichier de la mairie.", "modification substantielle"),
        ("Les personnes âgées isolées reçoivent un appel du CCAS.", "techniques subliminales"),
        ("Un collégien peut-il consentir tout seul ?", "traitement automatisé"),
        ("Ce pays offre-t-il un même niveau de protection des données ?", "maîtrise de l'IA"),
        ("On a trois ans d'inscriptions au centre de loisirs.", "base de données de l'UE"),
        ("Combien de temps garder les courriers ?", "délai d'un mois à compter de la réception"),
        ("Quel est le rôle du DPO ?", "désignent en tout état de cause"),
        ("Faut-il prévenir les usagers qu'ils parlent à un chatbot ?", "soumises à l'utilisation"),
        ("Le syndicat des eaux installe une IA.", "représentants des travailleurs"),
        ("Le syndicat intercommunal partage un DPO.", "représentants des travailleurs"),
        ("Le DPO doit-il aussi tenir le registre ?", "conflit d'intérêts"),
        ("Les amendes se cumulent-elles ?", "conflit d'intérêts"),
        ("Une habitante refuse que ses données d'inscription servent à l'outil.", "base de données de l'UE"),
        ("Les archives historiques de la ville gardent les dossiers.", "journaux générés automatiquement"),
        ("L'éditeur se contente de nous envoyer une notice.", "tâche procédurale étroite"),
        ("Les données que nous fournissons au prestataire.", "données d'entrée pertinentes"),
        ("Les photos intimes d'un agent ont été volées.", "contenus intimes non consentis"),
        ("Faut-il arrêter de conserver les dossiers ?", "suspendent l'utilisation"),
    ],
)
def test_look_alike_words_do_not_reach_the_legal_terms(question, absent):
    """« envisage » holds « visage », « suffisante » holds « santé »: the table matches words from their start, and an
    acronym only as a whole word (« cadastral » is no « CADA »); and
    the « quand » of « quand même », « à partir de leur photo » and a time limit ask no date; the « sécurité » of
    « sécurité sociale » is no security measure; a memo (« une note au DGS »), a commune's « compétences », a form
    « en ligne » and the agents' « motivation » are none of the legal notions those words also name; nor are an
    « élu d'opposition », a « fausse vidéo », a drug « trafic », open data reuse, a « réutilisable » file, a recorded
    phone call, cutting benefits, a backup plan, a file misused by an agent or elderly people as such; a minor who
    consents « tout seul » is no automated decision, school « inscriptions » are no registration, and a country's
    « même niveau de protection » is no level of AI literacy; warning users that they talk to a chatbot is no
    notice that a high-risk system decides on them; a « syndicat des eaux » or « intercommunal » is a public body, not
    a trade union; « données d'inscription » to a service are no registration, nor historical archives logs; a DPO who
    « doit aussi » do a task and fines that add up hold no conflict of interests; an editor who « se contente » of
    sending a notice describes no narrow procedural task, data given to a contractor are no input data, and
    stolen intimate photos are no generated material."""
    assert absent not in expand(question)


def test_a_public_body_asking_is_named_in_the_texts_words():
    assert setting_terms("La mairie doit-elle nommer un DPO ?") == PUBLIC_BODY
    assert setting_terms("Notre CCAS trie les demandes d'aide.") == PUBLIC_BODY
    assert setting_terms("Le syndicat intercommunal de transport scolaire a six agents.") == PUBLIC_BODY
    assert setting_terms("La communauté de communes mutualise son DPO.") == PUBLIC_BODY
    assert setting_terms("Un groupe d'entreprises peut-il partager un DPO ?") == ""
    assert setting_terms("Ces données administratives sont-elles communicables ?") == ""
