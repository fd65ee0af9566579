<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>BatchConfirmDialog</name>
    <message>
        <source>Send by e-mail</source>
        <translation>Envoi Webmail</translation>
    </message>
    <message>
        <source>Missing e-mail addresses</source>
        <translation>Adresses e-mail manquantes</translation>
    </message>
    <message>
        <source>These documents cannot be sent: their client has no e-mail address with “Mail” ticked. Double-click one to complete the client&apos;s record.</source>
        <translation>Ces documents ne peuvent pas être envoyés&#xa0;: leur client n’a aucune adresse e-mail dont la case «&#x202f;Mail&#x202f;» est cochée. Double-cliquez sur l’un d’eux pour compléter la fiche du client.</translation>
    </message>
    <message>
        <source>Documents without address</source>
        <translation>Documents sans adresse</translation>
    </message>
    <message>
        <source>Documents that fail the e-invoicing checks</source>
        <translation>Documents non conformes aux règles de la facturation électronique</translation>
    </message>
    <message>
        <source>One e-mail per client</source>
        <translation>Un seul e-mail par client</translation>
    </message>
    <message>
        <source>A client with several documents of the batch receives them all attached to one e-mail; each document keeps its own sending history. Deposits on the platform stay one per invoice.</source>
        <translation>Un client ayant plusieurs documents dans l’envoi les reçoit tous en pièces jointes d’un seul e-mail&#x202f;; chaque document garde son propre historique d’envoi. Les dépôts sur la plateforme se font toujours facture par facture.</translation>
    </message>
    <message>
        <source>These documents lack data the e-invoicing rules require. They can still be sent as they are; double-click one to complete the client&apos;s record.</source>
        <translation>Il manque à ces documents des données exigées par les règles de la facturation électronique. Ils peuvent tout de même être envoyés tels quels&#x202f;; double-cliquez sur l’un d’eux pour compléter la fiche du client.</translation>
    </message>
    <message>
        <source>Documents failing the checks</source>
        <translation>Documents non conformes</translation>
    </message>
    <message>
        <source>Message preview</source>
        <translation>Aperçu du message</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Précédent</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Suivant ▶</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>À&#xa0;:</translation>
    </message>
    <message>
        <source>Copy:</source>
        <translation>Copie&#xa0;:</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Objet&#xa0;:</translation>
    </message>
    <message>
        <source>Attachment:</source>
        <translation>Pièce jointe&#xa0;:</translation>
    </message>
    <message>
        <source>Prepare for later</source>
        <translation>Préparer pour plus tard</translation>
    </message>
    <message>
        <source>Prepare the messages now and keep them paused in the Outbox until you press “Resume sending” there</source>
        <translation>Préparer les messages maintenant et les garder en pause dans la boîte d’envoi jusqu’à ce que vous y cliquiez sur «&#x202f;Reprendre l’envoi&#x202f;»</translation>
    </message>
    <message>
        <source>Reading the documents…</source>
        <translation>Lecture des documents…</translation>
    </message>
    <message numerus="yes">
        <source>%n through the platform</source>
        <translation>
            <numerusform>%n par la plateforme</numerusform>
            <numerusform>%n par la plateforme</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n by e-mail</source>
        <translation>
            <numerusform>%n par e-mail</numerusform>
            <numerusform>%n par e-mail</numerusform>
        </translation>
    </message>
    <message>
        <source>{email}, {platform}</source>
        <translation>{email}, {platform}</translation>
    </message>
    <message>
        <source>Message {number} of {count}</source>
        <translation>Message {number} sur {count}</translation>
    </message>
    <message>
        <source>the approved platform, for {client}</source>
        <translation>la plateforme agréée, pour {client}</translation>
    </message>
    <message>
        <source>Deposit of invoice {number} (Factur-X)</source>
        <translation>Dépôt de la facture {number} (Factur-X)</translation>
    </message>
    <message>
        <source>No e-mail: this invoice is deposited on your approved e-invoicing platform, which delivers it to {client} through the directory. Its status (received, approved, paid…) then shows in the report&apos;s Sent column.</source>
        <translation>Pas d’e-mail&#xa0;: cette facture est déposée sur votre plateforme agréée de facturation électronique, qui la transmet à {client} grâce à l’annuaire. Son statut (reçue, approuvée, payée…) s’affiche ensuite dans la colonne Envoi du rapport.</translation>
    </message>
    <message>
        <source>The batch could not be completed.</source>
        <translation>L’envoi n’a pas pu aller jusqu’au bout.</translation>
    </message>
    <message>
        <source>The messages not sent are paused in the outbox; check there what was sent before sending the rest with “Resume sending”.</source>
        <translation>Les messages non envoyés sont en pause dans la boîte d’envoi&#x202f;; vérifiez-y ce qui est parti avant d’envoyer le reste avec «&#x202f;Reprendre l’envoi&#x202f;».</translation>
    </message>
    <message>
        <source>Stopping after the current message… the rest will be paused.</source>
        <translation>Arrêt après le message en cours… le reste sera mis en pause.</translation>
    </message>
    <message>
        <source>Validate</source>
        <translation>Valider</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Double-click to complete this client&apos;s record</source>
        <translation>Double-cliquez pour compléter la fiche de ce client</translation>
    </message>
    <message numerus="yes">
        <source>Left out: %n document(s) already waiting in the outbox.</source>
        <translation>
            <numerusform>Laissé de côté&#xa0;: %n document déjà en attente dans la boîte d’envoi.</numerusform>
            <numerusform>Laissés de côté&#xa0;: %n documents déjà en attente dans la boîte d’envoi.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) will be sent.</source>
        <translation>
            <numerusform>%n document va être envoyé.</numerusform>
            <numerusform>%n documents vont être envoyés.</numerusform>
        </translation>
    </message>
    <message>
        <source>(preparing the preview…)</source>
        <translation>(préparation de l’aperçu…)</translation>
    </message>
    <message>
        <source>hidden copy</source>
        <translation>copie cachée</translation>
    </message>
    <message>
        <source>Stop sending</source>
        <translation>Arrêter l’envoi</translation>
    </message>
    <message numerus="yes">
        <source>Sending %n document(s)…</source>
        <translation>
            <numerusform>Envoi de %n document…</numerusform>
            <numerusform>Envoi de %n documents…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Preparing %n document(s)…</source>
        <translation>
            <numerusform>Préparation de %n document…</numerusform>
            <numerusform>Préparation de %n documents…</numerusform>
        </translation>
    </message>
    <message>
        <source>Preparing the messages…</source>
        <translation>Préparation des messages…</translation>
    </message>
    <message>
        <source>Connecting to the mail server…</source>
        <translation>Connexion au serveur de messagerie…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>An unexpected error stopped the batch: {error}</source>
        <translation>Une erreur inattendue a arrêté l’envoi&#xa0;: {error}</translation>
    </message>
</context>
<context>
    <name>BatchOutcomeView</name>
    <message>
        <source>Outcome of the batch, by category</source>
        <translation>Résultat de l’envoi, par catégorie</translation>
    </message>
</context>
<context>
    <name>BatchSummary</name>
    <message numerus="yes">
        <source>%n document(s) whose last message failed or is uncertain: send again</source>
        <translation>
            <numerusform>%n document dont le dernier envoi a échoué ou est incertain&#xa0;: le renvoyer</numerusform>
            <numerusform>%n documents dont le dernier envoi a échoué ou est incertain&#xa0;: les renvoyer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(the client may already have the document(s)):</source>
        <translation>
            <numerusform>(le client l’a peut-être déjà)&#xa0;:</numerusform>
            <numerusform>(le client les a peut-être déjà)&#xa0;:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invoice(s) already paid: include in this sending</source>
        <translation>
            <numerusform>%n facture est déjà payée&#xa0;: l’envoyer aussi</numerusform>
            <numerusform>%n factures sont déjà payées&#xa0;: les envoyer aussi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(the e-mail does not ask for payment):</source>
        <translation>
            <numerusform>(son e-mail ne demande pas de règlement)&#xa0;:</numerusform>
            <numerusform>(leur e-mail ne demande pas de règlement)&#xa0;:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>…and %n more</source>
        <translation>
            <numerusform>… et %n autre</numerusform>
            <numerusform>… et %n autres</numerusform>
        </translation>
    </message>
    <message>
        <source>the client has no e-mail address with “Mail” ticked</source>
        <translation>le client n’a aucune adresse e-mail dont la case «&#x202f;Mail&#x202f;» est cochée</translation>
    </message>
    <message>
        <source>the client has no e-mail address</source>
        <translation>le client n’a pas d’adresse e-mail</translation>
    </message>
    <message>
        <source>still a draft</source>
        <translation>encore à l’état de brouillon</translation>
    </message>
    <message>
        <source>deleted meanwhile</source>
        <translation>supprimé entre-temps</translation>
    </message>
    <message>
        <source>already waiting in the outbox</source>
        <translation>déjà en attente dans la boîte d’envoi</translation>
    </message>
    <message>
        <source>already sent</source>
        <translation>déjà envoyé</translation>
    </message>
    <message>
        <source>its last message may have arrived</source>
        <translation>son dernier envoi est peut-être arrivé</translation>
    </message>
    <message>
        <source>its last message failed</source>
        <translation>son dernier envoi a échoué</translation>
    </message>
    <message>
        <source>already paid</source>
        <translation>déjà payée</translation>
    </message>
    <message>
        <source>the connection dropped after the server took the message: it may have arrived. Check before sending it again from the outbox.</source>
        <translation>la connexion s’est coupée après que le serveur a pris en charge le message&#xa0;: il est peut-être arrivé. Vérifiez avant de le renvoyer depuis la boîte d’envoi.</translation>
    </message>
    <message>
        <source>waits for a new attempt</source>
        <translation>attend un nouvel essai</translation>
    </message>
    <message>
        <source>paused (prepared for later)</source>
        <translation>en pause (préparé pour plus tard)</translation>
    </message>
    <message>
        <source>paused until the mail settings are corrected</source>
        <translation>en pause jusqu’à la correction des réglages de messagerie</translation>
    </message>
    <message>
        <source>paused (the client&apos;s addresses changed since it was prepared)</source>
        <translation>en pause (les adresses du client ont changé depuis la préparation)</translation>
    </message>
    <message>
        <source>paused (sending stopped)</source>
        <translation>en pause (envoi arrêté)</translation>
    </message>
    <message numerus="yes">
        <source>%n sent</source>
        <translation>
            <numerusform>%n envoyé</numerusform>
            <numerusform>%n envoyés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>%n refusé</numerusform>
            <numerusform>%n refusés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n uncertain</source>
        <translation>
            <numerusform>%n incertain</numerusform>
            <numerusform>%n incertains</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n en attente</numerusform>
            <numerusform>%n en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paused</source>
        <translation>
            <numerusform>%n en pause</numerusform>
            <numerusform>%n en pause</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n for later (daily limit)</source>
        <translation>
            <numerusform>%n pour plus tard (limite quotidienne)</numerusform>
            <numerusform>%n pour plus tard (limite quotidienne)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) prepared, paused</source>
        <translation>
            <numerusform>%n message préparé, en pause</numerusform>
            <numerusform>%n messages préparés, en pause</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Send again the %n document(s) already sent (the last on {date})</source>
        <translation>
            <numerusform>Renvoyer le document déjà envoyé (envoi du {date})</numerusform>
            <numerusform>Renvoyer les %n documents déjà envoyés (dernier envoi le {date})</numerusform>
        </translation>
    </message>
    <message>
        <source>{number} — {client} (uncertain: it may have arrived)</source>
        <translation>{number} — {client} (incertain&#xa0;: il est peut-être arrivé)</translation>
    </message>
    <message>
        <source>{number} — {client} (failed)</source>
        <translation>{number} — {client} (en échec)</translation>
    </message>
    <message>
        <source>{number} — {client} (paid on {date})</source>
        <translation>{number} — {client} (payée le {date})</translation>
    </message>
    <message>
        <source>{number} handled ({done} of {total})</source>
        <translation>{number} traité ({done} sur {total})</translation>
    </message>
    <message>
        <source>So far: {counts}</source>
        <translation>Jusqu’ici&#xa0;: {counts}</translation>
    </message>
    <message>
        <source>{number} — {client}: {what}</source>
        <translation>{number} — {client}&#xa0;: {what}</translation>
    </message>
    <message>
        <source>paid on {date}, left out</source>
        <translation>payée le {date}, laissée de côté</translation>
    </message>
    <message>
        <source>reminder already sent or no longer due</source>
        <translation>relance déjà envoyée ou qui n’est plus due</translation>
    </message>
    <message>
        <source>with its attachments, over 20 MB: more than mail providers accept</source>
        <translation>avec ses pièces jointes, plus de 20&#xa0;Mo&#xa0;: au-delà de ce qu’acceptent les messageries</translation>
    </message>
    <message>
        <source>sent to {accepted}, not to {refused}</source>
        <translation>envoyé à {accepted}, pas à {refused}</translation>
    </message>
    <message>
        <source>sent to {addresses}</source>
        <translation>envoyé à {addresses}</translation>
    </message>
    <message>
        <source>not sent — {reason}</source>
        <translation>non envoyé — {reason}</translation>
    </message>
    <message>
        <source>waits for your provider&apos;s daily limit: leaves {when}</source>
        <translation>en attente (limite quotidienne de votre fournisseur)&#xa0;: partira {when}</translation>
    </message>
    <message>
        <source>waits for a new attempt — {reply}</source>
        <translation>attend un nouvel essai — {reply}</translation>
    </message>
    <message>
        <source>{what}; accountant&apos;s copy refused: {refusal}</source>
        <translation>{what}&#x202f;; copie à l’expert-comptable refusée&#xa0;: {refusal}</translation>
    </message>
    <message>
        <source>{what} (accountant&apos;s copy: {address})</source>
        <translation>{what} (copie à l’expert-comptable&#xa0;: {address})</translation>
    </message>
    <message>
        <source>No message sent: {details}</source>
        <translation>Aucun message envoyé&#xa0;: {details}</translation>
    </message>
    <message>
        <source>{counts}: {reason}</source>
        <translation>{counts}&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>No message sent.</source>
        <translation>Aucun message envoyé.</translation>
    </message>
    <message>
        <source>the server cannot take a password with accented characters</source>
        <translation>le serveur n’accepte pas de mot de passe avec des caractères accentués</translation>
    </message>
    <message>
        <source>the server refuses the password</source>
        <translation>le serveur refuse le mot de passe</translation>
    </message>
    <message>
        <source>the server refuses the login</source>
        <translation>le serveur refuse la connexion au compte</translation>
    </message>
    <message>
        <source>the secure connection to the server failed</source>
        <translation>la connexion sécurisée au serveur a échoué</translation>
    </message>
    <message>
        <source>the mail server cannot be reached</source>
        <translation>le serveur de messagerie est injoignable</translation>
    </message>
    <message>
        <source>no password is stored for the mail account</source>
        <translation>aucun mot de passe n’est enregistré pour le compte de messagerie</translation>
    </message>
    <message>
        <source>the mail settings are not secure</source>
        <translation>les réglages de messagerie ne sont pas sûrs</translation>
    </message>
    <message>
        <source>Sent to the client</source>
        <translation>Envoyés au client</translation>
    </message>
    <message>
        <source>Sent, but an address was refused</source>
        <translation>Envoyés, mais une adresse a été refusée</translation>
    </message>
    <message>
        <source>Refused: the client received nothing</source>
        <translation>Refusés&#xa0;: le client n’a rien reçu</translation>
    </message>
    <message>
        <source>Uncertain: may have arrived</source>
        <translation>Incertains&#xa0;: peut-être arrivés</translation>
    </message>
    <message>
        <source>Waiting for a new attempt</source>
        <translation>En attente d’un nouvel essai</translation>
    </message>
    <message>
        <source>Paused in the Outbox</source>
        <translation>En pause dans la boîte d’envoi</translation>
    </message>
    <message>
        <source>For later: your provider&apos;s daily limit</source>
        <translation>Pour plus tard&#xa0;: limite quotidienne de votre fournisseur</translation>
    </message>
    <message>
        <source>Left out: no e-mail address</source>
        <translation>Laissés de côté&#xa0;: pas d’adresse e-mail</translation>
    </message>
    <message>
        <source>Left out: already paid</source>
        <translation>Laissées de côté&#xa0;: déjà payées</translation>
    </message>
    <message>
        <source>Left out: last message failed or uncertain</source>
        <translation>Laissés de côté&#xa0;: dernier envoi en échec ou incertain</translation>
    </message>
    <message>
        <source>Left out</source>
        <translation>Laissés de côté</translation>
    </message>
    <message numerus="yes">
        <source>%n reminder(s) sent</source>
        <translation>
            <numerusform>%n relance envoyée</numerusform>
            <numerusform>%n relances envoyées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) sent</source>
        <translation>
            <numerusform>%n document envoyé</numerusform>
            <numerusform>%n documents envoyés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of them with a refused address</source>
        <translation>
            <numerusform>dont %n avec une adresse refusée</numerusform>
            <numerusform>dont %n avec une adresse refusée</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without address</source>
        <translation>
            <numerusform>%n sans adresse</numerusform>
            <numerusform>%n sans adresse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n paid invoice(s) left out</source>
        <translation>
            <numerusform>%n facture payée laissée de côté</numerusform>
            <numerusform>%n factures payées laissées de côté</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n left out (last message failed or uncertain)</source>
        <translation>
            <numerusform>%n laissé de côté (dernier envoi en échec ou incertain)</numerusform>
            <numerusform>%n laissés de côté (dernier envoi en échec ou incertain)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n left out</source>
        <translation>
            <numerusform>%n laissé de côté</numerusform>
            <numerusform>%n laissés de côté</numerusform>
        </translation>
    </message>
    <message>
        <source>The client did not receive the refused reminders: correct the addresses in the client&apos;s record, then send them again from the Reminders report.</source>
        <translation>Le client n’a pas reçu les relances refusées&#xa0;: corrigez les adresses dans la fiche du client, puis envoyez-les de nouveau depuis le rapport Relances.</translation>
    </message>
    <message>
        <source>The client did not receive the refused documents: correct the addresses in the client&apos;s record, then send them again.</source>
        <translation>Le client n’a pas reçu les documents refusés&#xa0;: corrigez les adresses dans la fiche du client, puis renvoyez-les.</translation>
    </message>
    <message>
        <source>Some addresses were refused although the client received the message: correct them in the client&apos;s record.</source>
        <translation>Certaines adresses ont été refusées, mais le client a bien reçu le message&#xa0;: corrigez-les dans la fiche du client.</translation>
    </message>
    <message>
        <source>Uncertain: the connection dropped after the server took the message, which may have arrived. Check with the client before sending it again.</source>
        <translation>Incertain&#xa0;: la connexion s’est coupée après que le serveur a pris en charge le message, qui est peut-être arrivé. Vérifiez auprès du client avant de le renvoyer.</translation>
    </message>
    <message>
        <source>The messages are paused in the Outbox: nothing is sent until you press “Resume sending” there.</source>
        <translation>Les messages sont en pause dans la boîte d’envoi&#xa0;: rien ne part tant que vous n’y avez pas cliqué sur «&#x202f;Reprendre l’envoi&#x202f;».</translation>
    </message>
    <message>
        <source>{reason} The messages are paused in the Outbox: correct the settings, then press “Resume sending” there.</source>
        <translation>{reason} Les messages sont en pause dans la boîte d’envoi&#xa0;: corrigez les paramètres, puis cliquez-y sur «&#x202f;Reprendre l’envoi&#x202f;».</translation>
    </message>
    <message>
        <source>{reason} The messages wait in the Outbox and are tried again automatically.</source>
        <translation>{reason} Les messages attendent dans la boîte d’envoi et seront réessayés automatiquement.</translation>
    </message>
    <message>
        <source>{reason} The messages wait in the Outbox until you press “Resume sending” there.</source>
        <translation>{reason} Les messages attendent dans la boîte d’envoi jusqu’à ce que vous y cliquiez sur «&#x202f;Reprendre l’envoi&#x202f;».</translation>
    </message>
    <message numerus="yes">
        <source>Your mail provider&apos;s daily limit is reached: %n message(s) wait in the Outbox and leave on their own {when}, while Facturier is open.</source>
        <translation>
            <numerusform>La limite quotidienne de votre fournisseur de messagerie est atteinte&#xa0;: %n message attend dans la boîte d’envoi et partira automatiquement {when}, tant que Facturier est ouvert.</numerusform>
            <numerusform>La limite quotidienne de votre fournisseur de messagerie est atteinte&#xa0;: %n messages attendent dans la boîte d’envoi et partiront automatiquement {when}, tant que Facturier est ouvert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Your mail provider&apos;s daily limit is reached: %n message(s) wait in the Outbox; press “Resume sending” there {when}.</source>
        <translation>
            <numerusform>La limite quotidienne de votre fournisseur de messagerie est atteinte&#xa0;: %n message attend dans la boîte d’envoi&#x202f;; cliquez-y sur «&#x202f;Reprendre l’envoi&#x202f;» {when}.</numerusform>
            <numerusform>La limite quotidienne de votre fournisseur de messagerie est atteinte&#xa0;: %n messages attendent dans la boîte d’envoi&#x202f;; cliquez-y sur «&#x202f;Reprendre l’envoi&#x202f;» {when}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending was stopped: %n message(s) paused in the Outbox; they go out only when you press “Resume sending” there.</source>
        <translation>
            <numerusform>L’envoi a été arrêté&#xa0;: %n message est en pause dans la boîte d’envoi&#x202f;; il ne partira que lorsque vous y cliquerez sur «&#x202f;Reprendre l’envoi&#x202f;».</numerusform>
            <numerusform>L’envoi a été arrêté&#xa0;: %n messages sont en pause dans la boîte d’envoi&#x202f;; ils ne partiront que lorsque vous y cliquerez sur «&#x202f;Reprendre l’envoi&#x202f;».</numerusform>
        </translation>
    </message>
    <message>
        <source>{number} already sent on {date} at {time} to {sent_to}</source>
        <translation>{number} déjà envoyé le {date} à {time} (destinataires&#xa0;: {sent_to})</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) paused because the client&apos;s addresses changed since preparation: check them in the Outbox.</source>
        <translation>
            <numerusform>%n message est en pause car les adresses du client ont changé depuis sa préparation&#xa0;: vérifiez-les dans la boîte d’envoi.</numerusform>
            <numerusform>%n messages sont en pause car les adresses du client ont changé depuis leur préparation&#xa0;: vérifiez-les dans la boîte d’envoi.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CataloguePickerDialog</name>
    <message>
        <source>Add from the catalogue</source>
        <translation>Ajouter depuis le catalogue</translation>
    </message>
    <message>
        <source>Search the catalogue</source>
        <translation>Rechercher dans le catalogue</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Article</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unité</translation>
    </message>
    <message>
        <source>Unit price excl. VAT</source>
        <translation>Prix unitaire HT</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>TVA</translation>
    </message>
    <message>
        <source>Add to the document</source>
        <translation>Ajouter au document</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>No item matches this search.</source>
        <translation>Aucun article ne correspond à cette recherche.</translation>
    </message>
    <message>
        <source>The catalogue is empty. Select a line of a document and press “Save line to catalogue” to keep it here.</source>
        <translation>Le catalogue est vide. Sélectionnez une ligne d’un document et cliquez sur «&#x202f;Enregistrer la ligne au catalogue&#x202f;» pour l’y conserver.</translation>
    </message>
</context>
<context>
    <name>ClientEditorDialog</name>
    <message>
        <source>Business</source>
        <translation>Entreprise</translation>
    </message>
    <message>
        <source>Private person</source>
        <translation>Particulier</translation>
    </message>
    <message>
        <source>scheme {scheme}</source>
        <translation>schéma {scheme}</translation>
    </message>
    <message>
        <source>The address the e-invoicing directory routes invoices on (scheme 0225: based on the SIREN). It is the SIREN unless the client gave another one.</source>
        <translation>L’adresse vers laquelle l’annuaire de la facturation électronique achemine les factures (schéma 0225, fondé sur le SIREN). C’est le SIREN, sauf si le client vous en a donné une autre.</translation>
    </message>
    <message>
        <source>the SIREN</source>
        <translation>le SIREN</translation>
    </message>
    <message>
        <source>Company&apos;s default</source>
        <translation>Celle de l’entreprise</translation>
    </message>
    <message>
        <source>Leave empty when the goods go to the billing address.</source>
        <translation>Laissez vide si la livraison se fait à l’adresse de facturation.</translation>
    </message>
    <message>
        <source>9 digits</source>
        <translation>9 chiffres</translation>
    </message>
    <message>
        <source>14 digits</source>
        <translation>14 chiffres</translation>
    </message>
    <message>
        <source>e.g. FR44732829320</source>
        <translation>ex. FR44732829320</translation>
    </message>
    <message>
        <source>Add a row</source>
        <translation>Ajouter une ligne</translation>
    </message>
    <message>
        <source>Add an e-Mail row (change its kind in the first column)</source>
        <translation>Ajouter une ligne e-Mail (changez son type dans la première colonne)</translation>
    </message>
    <message>
        <source>Remove the row</source>
        <translation>Supprimer la ligne</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>Nom *</translation>
    </message>
    <message>
        <source>SIREN</source>
        <translation>SIREN</translation>
    </message>
    <message>
        <source>SIRET</source>
        <translation>SIRET</translation>
    </message>
    <message>
        <source>VAT number</source>
        <translation>N° de TVA</translation>
    </message>
    <message>
        <source>E-invoicing address</source>
        <translation>Adresse e-facturation</translation>
    </message>
    <message>
        <source>Operation category</source>
        <translation>Catégorie d’opération</translation>
    </message>
    <message>
        <source>Invoices sent by</source>
        <translation>Factures envoyées par</translation>
    </message>
    <message>
        <source>Billing address</source>
        <translation>Adresse de facturation</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Postal code, city</source>
        <translation>Code postal, ville</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Default delivery address</source>
        <translation>Adresse de livraison par défaut</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Coordonnées</translation>
    </message>
    <message>
        <source>Documents are e-mailed to the e-Mail rows with Mail ticked.</source>
        <translation>Les documents sont envoyés aux lignes e-Mail dont la case Mail est cochée.</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Client: {name}</source>
        <translation>Client&#xa0;: {name}</translation>
    </message>
    <message>
        <source>Contacts, row {row} ({kind}): {problem}</source>
        <translation>Coordonnées, ligne {row} ({kind})&#xa0;: {problem}</translation>
    </message>
    <message>
        <source>Save the changes to {name}?</source>
        <translation>Enregistrer les modifications de {name}&#x202f;?</translation>
    </message>
    <message>
        <source>New client</source>
        <translation>Nouveau client</translation>
    </message>
    <message numerus="yes">
        <source>(and %n other problem(s))</source>
        <translation>
            <numerusform>(et %n autre problème)</numerusform>
            <numerusform>(et %n autres problèmes)</numerusform>
        </translation>
    </message>
    <message>
        <source>this new client</source>
        <translation>ce nouveau client</translation>
    </message>
</context>
<context>
    <name>ClientImportReportDialog</name>
    <message>
        <source>Import of {file}</source>
        <translation>Import de {file}</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) imported.</source>
        <translation>
            <numerusform>%n client importé.</numerusform>
            <numerusform>%n clients importés.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n already in the address book (skipped).</source>
        <translation>
            <numerusform>%n déjà dans le carnet d’adresses (ignoré).</numerusform>
            <numerusform>%n déjà dans le carnet d’adresses (ignorés).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing was imported: %n row(s) with a problem. Correct the file and import it again.</source>
        <translation>
            <numerusform>Rien n’a été importé&#xa0;: %n ligne pose problème. Corrigez le fichier puis importez-le à nouveau.</numerusform>
            <numerusform>Rien n’a été importé&#xa0;: %n lignes posent problème. Corrigez le fichier puis importez-le à nouveau.</numerusform>
        </translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>{name} is already in the address book: skipped.</source>
        <translation>{name} est déjà dans le carnet d’adresses&#xa0;: ignoré.</translation>
    </message>
    <message>
        <source>The file was read as {encoding}.</source>
        <translation>Le fichier a été lu en {encoding}.</translation>
    </message>
    <message>
        <source>Columns not imported: {columns}</source>
        <translation>Colonnes non importées&#xa0;: {columns}</translation>
    </message>
</context>
<context>
    <name>ClientPicker</name>
    <message>
        <source>Type part of the client&apos;s name or city</source>
        <translation>Tapez une partie du nom ou de la ville du client</translation>
    </message>
    <message>
        <source>New client…</source>
        <translation>Nouveau client…</translation>
    </message>
</context>
<context>
    <name>ClientProblems</name>
    <message numerus="yes">
        <source>{name} cannot be deleted: %n document(s) refer to this client. A client stays in the address book as long as documents are made out to it.</source>
        <translation>
            <numerusform>{name} ne peut pas être supprimé&#xa0;: %n document concerne ce client. Un client reste dans le carnet d’adresses tant que des documents sont établis à son nom.</numerusform>
            <numerusform>{name} ne peut pas être supprimé&#xa0;: %n documents concernent ce client. Un client reste dans le carnet d’adresses tant que des documents sont établis à son nom.</numerusform>
        </translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>SIREN</source>
        <translation>SIREN</translation>
    </message>
    <message>
        <source>SIRET</source>
        <translation>SIRET</translation>
    </message>
    <message>
        <source>VAT number</source>
        <translation>N° de TVA</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>E-invoicing address</source>
        <translation>Adresse e-facturation</translation>
    </message>
    <message>
        <source>Delivery street</source>
        <translation>Adresse (livraison)</translation>
    </message>
    <message>
        <source>Delivery postal code</source>
        <translation>Code postal (livraison)</translation>
    </message>
    <message>
        <source>Delivery city</source>
        <translation>Ville (livraison)</translation>
    </message>
    <message>
        <source>Delivery country</source>
        <translation>Pays (livraison)</translation>
    </message>
    <message>
        <source>Label / person</source>
        <translation>Libellé / personne</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>The address is empty.</source>
        <translation>L’adresse est vide.</translation>
    </message>
    <message>
        <source>Line breaks are not allowed.</source>
        <translation>Les retours à la ligne ne sont pas permis.</translation>
    </message>
    <message>
        <source>An e-mail address needs an @ sign.</source>
        <translation>Une adresse e-mail doit contenir un @.</translation>
    </message>
    <message>
        <source>Something is missing before the @.</source>
        <translation>Il manque quelque chose avant le @.</translation>
    </message>
    <message>
        <source>Something is missing after the @.</source>
        <translation>Il manque quelque chose après le @.</translation>
    </message>
    <message>
        <source>The part after the @ needs a dot (for example example.fr).</source>
        <translation>La partie après le @ doit contenir un point (par exemple exemple.fr).</translation>
    </message>
    <message>
        <source>Two dots in a row are not allowed.</source>
        <translation>Deux points à la suite ne sont pas permis.</translation>
    </message>
    <message>
        <source>A dot cannot begin or end either part of the address.</source>
        <translation>Un point ne peut ni commencer ni terminer une partie de l’adresse.</translation>
    </message>
    <message>
        <source>A hyphen cannot begin or end a domain name.</source>
        <translation>Un tiret ne peut ni commencer ni terminer un nom de domaine.</translation>
    </message>
    <message>
        <source>These characters are not allowed: {characters}</source>
        <translation>Ces caractères ne sont pas permis&#xa0;: {characters}</translation>
    </message>
    <message>
        <source>{label} is required.</source>
        <translation>{label}&#xa0;: ce champ est obligatoire.</translation>
    </message>
    <message>
        <source>{label} is too long: {length} characters, at most {limit}.</source>
        <translation>{label}&#xa0;: ce champ est trop long ({length} caractères, {limit} au plus).</translation>
    </message>
    <message>
        <source>{label} cannot contain line breaks or control characters.</source>
        <translation>{label}&#xa0;: ce champ ne peut pas contenir de retour à la ligne ni de caractère de contrôle.</translation>
    </message>
    <message>
        <source>The SIRET must begin with the SIREN ({siren}).</source>
        <translation>Le SIRET doit commencer par le SIREN ({siren}).</translation>
    </message>
    <message>
        <source>The key of this VAT number does not match its SIREN (expected {key}).</source>
        <translation>La clé de ce numéro de TVA ne correspond pas à son SIREN (clé attendue&#xa0;: {key}).</translation>
    </message>
    <message>
        <source>“{value}” is not a client type: write entreprise or particulier (business or private), or leave the cell empty.</source>
        <translation>«&#x202f;{value}&#x202f;» n’est pas un type de client&#xa0;: écrivez entreprise ou particulier, ou laissez la case vide.</translation>
    </message>
    <message>
        <source>“{value}” is not an operation category: write biens, services or mixte (goods, services or mixed), or leave the cell empty.</source>
        <translation>«&#x202f;{value}&#x202f;» n’est pas une catégorie d’opération&#xa0;: écrivez biens, services ou mixte, ou laissez la case vide.</translation>
    </message>
    <message>
        <source>“{address}” is not a valid e-mail address. {reason}</source>
        <translation>«&#x202f;{address}&#x202f;» n’est pas une adresse e-mail valide. {reason}</translation>
    </message>
    <message>
        <source>The same client is already on line {line}.</source>
        <translation>Le même client figure déjà à la ligne {line}.</translation>
    </message>
    <message>
        <source>The file cannot be read: {reason}</source>
        <translation>Impossible de lire le fichier&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>The CSV file is malformed near line {line} (a quote is not closed?).</source>
        <translation>Le fichier CSV est mal formé vers la ligne {line} (un guillemet non fermé&#x202f;?).</translation>
    </message>
    <message>
        <source>No column gives the client&apos;s name (for example Nom, Raison sociale or Name). The columns found are: {columns}.</source>
        <translation>Aucune colonne ne donne le nom du client (par exemple Nom, Raison sociale ou Name). Les colonnes trouvées sont&#xa0;: {columns}.</translation>
    </message>
    <message>
        <source>The columns “{first}” and “{second}” say the same thing: keep only one.</source>
        <translation>Les colonnes «&#x202f;{first}&#x202f;» et «&#x202f;{second}&#x202f;» disent la même chose&#xa0;: n’en gardez qu’une.</translation>
    </message>
    <message>
        <source>The file is larger than {limit} MB: split it.</source>
        <translation>Le fichier dépasse {limit} Mo&#xa0;: découpez-le.</translation>
    </message>
    <message>
        <source>The file has more than {limit} rows: split it.</source>
        <translation>Le fichier a plus de {limit} lignes&#xa0;: découpez-le.</translation>
    </message>
    <message>
        <source>The address is too long.</source>
        <translation>L’adresse est trop longue.</translation>
    </message>
    <message>
        <source>This domain is reserved and cannot receive e-mail.</source>
        <translation>Ce domaine est réservé et ne peut pas recevoir d’e-mail.</translation>
    </message>
    <message>
        <source>Type the address alone, without a name or &lt; &gt;.</source>
        <translation>Saisissez l’adresse seule, sans nom ni &lt; &gt;.</translation>
    </message>
    <message>
        <source>Quotation marks are not allowed in the address.</source>
        <translation>Les guillemets ne sont pas permis dans l’adresse.</translation>
    </message>
    <message>
        <source>An IP address cannot be used after the @.</source>
        <translation>Une adresse IP ne peut pas suivre le @.</translation>
    </message>
    <message>
        <source>Type the e-mail address, or remove the row.</source>
        <translation>Saisissez l’adresse e-mail, ou supprimez la ligne.</translation>
    </message>
    <message>
        <source>Type the value, or remove the row.</source>
        <translation>Saisissez la valeur, ou supprimez la ligne.</translation>
    </message>
    <message>
        <source>This SIREN number is not valid: its check digit does not match.</source>
        <translation>Ce numéro SIREN n’est pas valide&#xa0;: sa clé de contrôle ne correspond pas.</translation>
    </message>
    <message>
        <source>A SIREN number has 9 digits.</source>
        <translation>Un numéro SIREN compte 9 chiffres.</translation>
    </message>
    <message>
        <source>This SIRET number is not valid: its check digit does not match.</source>
        <translation>Ce numéro SIRET n’est pas valide&#xa0;: sa clé de contrôle ne correspond pas.</translation>
    </message>
    <message>
        <source>A SIRET number has 14 digits.</source>
        <translation>Un numéro SIRET compte 14 chiffres.</translation>
    </message>
    <message>
        <source>This VAT number does not contain the client&apos;s SIREN.</source>
        <translation>Ce numéro de TVA ne contient pas le SIREN du client.</translation>
    </message>
    <message>
        <source>This VAT number is not valid: its check digits do not match (a typing slip?).</source>
        <translation>Ce numéro de TVA n’est pas valide&#xa0;: sa clé de contrôle ne correspond pas (une faute de frappe&#x202f;?).</translation>
    </message>
    <message>
        <source>Not an intra-community VAT number: two letters for the country, then the number (in France: FR, a 2-digit key and the SIREN).</source>
        <translation>Ce n’est pas un numéro de TVA intracommunautaire&#xa0;: deux lettres pour le pays, puis le numéro (en France&#xa0;: FR, une clé à 2 chiffres et le SIREN).</translation>
    </message>
    <message>
        <source>An e-invoicing address is made of letters, digits and . _ - only, without spaces (usually the SIREN).</source>
        <translation>Une adresse de facturation électronique ne contient que des lettres, des chiffres et . _ -, sans espace (le plus souvent, c’est le SIREN).</translation>
    </message>
    <message>
        <source>This client was changed elsewhere (in another window or on another computer) since you opened it. Close this window and open the client again.</source>
        <translation>Ce client a été modifié ailleurs (dans une autre fenêtre ou sur un autre poste) depuis que vous l’avez ouvert. Fermez cette fenêtre et rouvrez le client.</translation>
    </message>
    <message>
        <source>This client no longer exists: it was deleted elsewhere.</source>
        <translation>Ce client n’existe plus&#xa0;: il a été supprimé ailleurs.</translation>
    </message>
    <message>
        <source>This row has more values than the header has columns.</source>
        <translation>Cette ligne a plus de valeurs que l’en-tête n’a de colonnes.</translation>
    </message>
    <message>
        <source>This is a spreadsheet file, not a CSV file: save it as CSV first (File › Save as › CSV).</source>
        <translation>Ce fichier est un classeur, pas un fichier CSV&#xa0;: enregistrez-le d’abord au format CSV (Fichier › Enregistrer sous › CSV).</translation>
    </message>
    <message>
        <source>This is not a text (CSV) file.</source>
        <translation>Ce n’est pas un fichier texte (CSV).</translation>
    </message>
    <message>
        <source>The file is neither UTF-8 nor Windows-1252 text: save it again as CSV UTF-8.</source>
        <translation>Le fichier n’est ni du texte UTF-8 ni du Windows-1252&#xa0;: enregistrez-le à nouveau en CSV UTF-8.</translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Le fichier est vide.</translation>
    </message>
    <message>
        <source>The file has a header line but no client.</source>
        <translation>Le fichier a une ligne d’en-tête mais aucun client.</translation>
    </message>
</context>
<context>
    <name>ClientTableModel</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Mailing address(es)</source>
        <translation>Adresse(s) d’envoi</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>A business gets the mentions between businesses (SIREN, electronic address, 40 € indemnity); a private person does not.</source>
        <translation>Pour une entreprise, les documents portent les mentions propres aux échanges entre professionnels (SIREN, adresse de facturation électronique, indemnité forfaitaire de 40&#xa0;€)&#x202f;; pas pour un particulier.</translation>
    </message>
    <message>
        <source>The e-Mail rows with Mail ticked: a client without one cannot be sent documents by e-mail.</source>
        <translation>Les lignes e-Mail dont la case Mail est cochée&#xa0;: sans elles, aucun document ne peut être envoyé au client par e-mail.</translation>
    </message>
    <message>
        <source>Documents are e-mailed to: {addresses}</source>
        <translation>Les documents sont envoyés à&#xa0;: {addresses}</translation>
    </message>
    <message>
        <source>No e-Mail row has Mail ticked: documents cannot be e-mailed to this client. Open it to add or tick an address.</source>
        <translation>Aucune ligne e-Mail n’a la case Mail cochée&#xa0;: aucun document ne peut être envoyé à ce client par e-mail. Ouvrez sa fiche pour ajouter ou cocher une adresse.</translation>
    </message>
    <message>
        <source>No mailing address</source>
        <translation>Aucune adresse d’envoi</translation>
    </message>
    <message>
        <source>Private person</source>
        <translation>Particulier</translation>
    </message>
    <message>
        <source>Business</source>
        <translation>Entreprise</translation>
    </message>
</context>
<context>
    <name>ClientsView</name>
    <message>
        <source>Address book</source>
        <translation>Carnet d’adresses</translation>
    </message>
    <message>
        <source>New client</source>
        <translation>Nouveau client</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Import a CSV file…</source>
        <translation>Importer un fichier CSV…</translation>
    </message>
    <message>
        <source>Add clients from a CSV file (name, address, e-mail, phone…)</source>
        <translation>Ajouter des clients depuis un fichier CSV (nom, adresse, e-mail, téléphone…)</translation>
    </message>
    <message>
        <source>Account statement…</source>
        <translation>Relevé de compte…</translation>
    </message>
    <message>
        <source>The client&apos;s open invoices and what is left to pay, as a PDF to save</source>
        <translation>Les factures non réglées du client et le reste à payer, en PDF à enregistrer</translation>
    </message>
    <message>
        <source>Search: name, city or e-mail</source>
        <translation>Rechercher&#xa0;: nom, ville ou e-mail</translation>
    </message>
    <message>
        <source>Without mailing address only</source>
        <translation>Sans adresse d’envoi uniquement</translation>
    </message>
    <message>
        <source>Show only the clients to whom documents cannot be e-mailed yet</source>
        <translation>N’afficher que les clients à qui aucun document ne peut encore être envoyé par e-mail</translation>
    </message>
    <message numerus="yes">
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n client</numerusform>
            <numerusform>%n clients</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n client(s) shown out of {total}</source>
        <translation>
            <numerusform>%n client affiché sur {total}</numerusform>
            <numerusform>%n clients affichés sur {total}</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete {name} and its contact rows? This cannot be undone.</source>
        <translation>Supprimer {name} et ses coordonnées&#x202f;? Cette action est définitive.</translation>
    </message>
    <message>
        <source>Save the account statement</source>
        <translation>Enregistrer le relevé de compte</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Line {line} of “{file}” is not UTF-8 text. Read as Windows-1252 (the encoding of files saved by Excel or older programs), it says:</source>
        <translation>La ligne {line} de «&#x202f;{file}&#x202f;» n’est pas du texte UTF-8. Lue en Windows-1252 (l’encodage des fichiers enregistrés par Excel ou d’anciens logiciels), elle donne&#xa0;:</translation>
    </message>
    <message>
        <source>“{sample}”

Is this right? If it is not, nothing is imported: save the file again as CSV UTF-8.</source>
        <translation>«&#x202f;{sample}&#x202f;»

Est-ce correct&#x202f;? Sinon, rien ne sera importé&#xa0;: enregistrez à nouveau le fichier en CSV UTF-8.</translation>
    </message>
    <message>
        <source>The file mixes two encodings: line {utf8_line} is UTF-8 text, line {line} is not. Read either way, some names would be garbled: save the file again as CSV UTF-8. Nothing was imported.</source>
        <translation>Le fichier mélange deux encodages&#xa0;: la ligne {utf8_line} est du texte UTF-8, la ligne {line} non. Quel que soit l’encodage retenu, certains noms seraient déformés&#xa0;: enregistrez à nouveau le fichier en CSV UTF-8. Rien n’a été importé.</translation>
    </message>
    <message>
        <source>Line {line} of the file is neither UTF-8 nor Windows-1252 text: save the file again as CSV UTF-8. Nothing was imported.</source>
        <translation>La ligne {line} du fichier n’est ni du texte UTF-8 ni du Windows-1252&#xa0;: enregistrez à nouveau le fichier en CSV UTF-8. Rien n’a été importé.</translation>
    </message>
    <message numerus="yes">
        <source>%n without mailing address</source>
        <translation>
            <numerusform>%n sans adresse d’envoi</numerusform>
            <numerusform>%n sans adresse d’envoi</numerusform>
        </translation>
    </message>
    <message>
        <source>No client yet. Create one with “New client” or import a CSV file.</source>
        <translation>Aucun client pour l’instant. Créez-en un avec «&#x202f;Nouveau client&#x202f;» ou importez un fichier CSV.</translation>
    </message>
    <message>
        <source>No client matches the search.</source>
        <translation>Aucun client ne correspond à la recherche.</translation>
    </message>
    <message>
        <source>Delete a client</source>
        <translation>Supprimer un client</translation>
    </message>
    <message>
        <source>Import clients</source>
        <translation>Importer des clients</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>Fichiers CSV (*.csv *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Yes, read it as Windows-1252</source>
        <translation>Oui, le lire en Windows-1252</translation>
    </message>
    <message>
        <source>No, import nothing</source>
        <translation>Non, ne rien importer</translation>
    </message>
</context>
<context>
    <name>CompanyPage</name>
    <message>
        <source>e.g. 10 000 €</source>
        <translation>ex. 10 000 €</translation>
    </message>
    <message>
        <source>e.g. 04 78 00 00 00</source>
        <translation>ex. 04 78 00 00 00</translation>
    </message>
    <message>
        <source>contact@example.fr</source>
        <translation>contact@exemple.fr</translation>
    </message>
    <message>
        <source>www.example.fr</source>
        <translation>www.exemple.fr</translation>
    </message>
    <message>
        <source>e.g. SARL</source>
        <translation>ex. SARL</translation>
    </message>
    <message>
        <source>Logo preview</source>
        <translation>Aperçu du logo</translation>
    </message>
    <message>
        <source>Choose an image…</source>
        <translation>Choisir une image…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>Identité</translation>
    </message>
    <message>
        <source>Company name *</source>
        <translation>Raison sociale *</translation>
    </message>
    <message>
        <source>Legal form</source>
        <translation>Forme juridique</translation>
    </message>
    <message>
        <source>Share capital</source>
        <translation>Capital social</translation>
    </message>
    <message>
        <source>Postal address</source>
        <translation>Adresse postale</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Postal code, city</source>
        <translation>Code postal, ville</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Coordonnées</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Site web</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <source>PNG or JPEG, printed at the top left of your documents.</source>
        <translation>PNG ou JPEG, imprimé en haut à gauche de vos documents.</translation>
    </message>
    <message>
        <source>Choose the logo</source>
        <translation>Choisir le logo</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>The file cannot be opened: {reason}</source>
        <translation>Impossible d’ouvrir le fichier&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>Pas de logo</translation>
    </message>
</context>
<context>
    <name>ContactDelegate</name>
    <message>
        <source>To</source>
        <translation>À</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>Cc</translation>
    </message>
    <message>
        <source>name@example.fr</source>
        <translation>nom@exemple.fr</translation>
    </message>
</context>
<context>
    <name>ContactKind</name>
    <message>
        <source>e-Mail</source>
        <translation>e-Mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>Fax</source>
        <translation>Fax</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Web</translation>
    </message>
</context>
<context>
    <name>ContactTableModel</name>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Label / person</source>
        <translation>Libellé / personne</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>Mail</translation>
    </message>
    <message>
        <source>Send as</source>
        <translation>Envoi</translation>
    </message>
    <message>
        <source>Tick the e-Mail rows that receive the documents sent by e-mail.</source>
        <translation>Cochez les lignes e-Mail qui reçoivent les documents envoyés par e-mail.</translation>
    </message>
    <message>
        <source>To or Cc: how a ticked address receives the documents (the client&apos;s accounting department in Cc, for example). Both count as delivered.</source>
        <translation>À ou Cc&#xa0;: comment une adresse cochée reçoit les documents (le service comptable du client en Cc, par exemple). Dans les deux cas, les documents sont considérés comme remis.</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>Cc</translation>
    </message>
    <message>
        <source>To</source>
        <translation>À</translation>
    </message>
    <message>
        <source>Documents e-mailed to this client go to this address.</source>
        <translation>Les documents envoyés par e-mail à ce client partent à cette adresse.</translation>
    </message>
    <message>
        <source>Only e-Mail rows can receive documents.</source>
        <translation>Seules les lignes e-Mail peuvent recevoir des documents.</translation>
    </message>
    <message>
        <source>This address receives the documents in copy (Cc).</source>
        <translation>Cette adresse reçoit les documents en copie (Cc).</translation>
    </message>
    <message>
        <source>This address receives the documents as a main recipient (To).</source>
        <translation>Cette adresse reçoit les documents comme destinataire principal (À).</translation>
    </message>
</context>
<context>
    <name>DailyLimitWords</name>
    <message>
        <source>today from {time}</source>
        <translation>aujourd’hui à partir de {time}</translation>
    </message>
    <message>
        <source>tomorrow from {time}</source>
        <translation>demain à partir de {time}</translation>
    </message>
    <message>
        <source>on {day} from {time}</source>
        <translation>le {day} à partir de {time}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) a day</source>
        <translation>
            <numerusform>%Ln message par jour</numerusform>
            <numerusform>%Ln messages par jour</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) a day</source>
        <translation>
            <numerusform>%Ln destinataire par jour</numerusform>
            <numerusform>%Ln destinataires par jour</numerusform>
        </translation>
    </message>
    <message>
        <source>{first} and {second}</source>
        <translation>{first} et {second}</translation>
    </message>
    <message>
        <source>(your provider&apos;s limit: {limit}).</source>
        <translation>(limite de votre fournisseur&#xa0;: {limit}).</translation>
    </message>
    <message numerus="yes">
        <source>the other %n will be sent {when}</source>
        <translation>
            <numerusform>le dernier sera envoyé {when}</numerusform>
            <numerusform>les %n autres seront envoyés {when}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Your provider&apos;s daily limit is reached: the %n message(s) will be sent {when}</source>
        <translation>
            <numerusform>La limite quotidienne de votre fournisseur est atteinte&#xa0;: le message sera envoyé {when}</numerusform>
            <numerusform>La limite quotidienne de votre fournisseur est atteinte&#xa0;: les %n messages seront envoyés {when}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) will leave today;</source>
        <translation>
            <numerusform>%n message partira aujourd’hui&#x202f;;</numerusform>
            <numerusform>%n messages partiront aujourd’hui&#x202f;;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DatabasePage</name>
    <message>
        <source>Test the connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Copy my data into it</source>
        <translation>Y copier mes données</translation>
    </message>
    <message>
        <source>Use this database on this computer</source>
        <translation>Utiliser cette base sur cet ordinateur</translation>
    </message>
    <message>
        <source>Use the local file again</source>
        <translation>Revenir au fichier local</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <source>Rows copied per table</source>
        <translation>Lignes copiées par table</translation>
    </message>
    <message>
        <source>Database in use</source>
        <translation>Base de données utilisée</translation>
    </message>
    <message>
        <source>Shared database (PostgreSQL)</source>
        <translation>Base de données partagée (PostgreSQL)</translation>
    </message>
    <message>
        <source>Several computers of your business can work on one PostgreSQL database. Type its address, test it, copy your data into it, then use it on each computer.</source>
        <translation>Plusieurs ordinateurs de votre entreprise peuvent travailler sur une même base PostgreSQL. Saisissez son adresse, testez-la, copiez-y vos données, puis utilisez-la sur chaque ordinateur.</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>These actions take effect at once; they are not part of Save. Your current database is never changed by them.</source>
        <translation>Ces actions prennent effet immédiatement, sans attendre «&#x202f;Enregistrer&#x202f;». Elles ne modifient jamais votre base de données actuelle.</translation>
    </message>
    <message>
        <source>This computer works on the file {path} (SQLite).</source>
        <translation>Cet ordinateur travaille sur le fichier {path} (SQLite).</translation>
    </message>
    <message>
        <source>This computer works on the shared database {address}.</source>
        <translation>Cet ordinateur travaille sur la base partagée {address}.</translation>
    </message>
    <message>
        <source>At the next start: {address}.</source>
        <translation>Au prochain démarrage&#xa0;: {address}.</translation>
    </message>
    <message>
        <source>At the next start: the local file {path}.</source>
        <translation>Au prochain démarrage&#xa0;: le fichier local {path}.</translation>
    </message>
    <message>
        <source>This is not a PostgreSQL address. It looks like: {example}</source>
        <translation>Ce n’est pas une adresse PostgreSQL. Elle a cette forme&#xa0;: {example}</translation>
    </message>
    <message>
        <source>All the data of the database in use (company, clients, documents, outbox and history) will be copied into {address}. That database must be empty. Your current database is not changed.</source>
        <translation>Toutes les données de la base utilisée (société, clients, documents, boîte d’envoi et historique) seront copiées dans {address}. Cette base doit être vide. Votre base actuelle n’est pas modifiée.</translation>
    </message>
    <message>
        <source>From its next start, Facturier will open {address} on this computer instead of the database in use now.</source>
        <translation>À partir de son prochain démarrage, Facturier ouvrira {address} sur cet ordinateur à la place de la base actuelle.</translation>
    </message>
    <message>
        <source>Restart Facturier to work on the local file {path} again.</source>
        <translation>Redémarrez Facturier pour retravailler sur le fichier local {path}.</translation>
    </message>
    <message>
        <source>{table}: {rows} rows</source>
        <translation>{table}&#xa0;: {rows} lignes</translation>
    </message>
    <message>
        <source>The connection works: {version}.</source>
        <translation>La connexion fonctionne&#xa0;: {version}.</translation>
    </message>
    <message>
        <source>Copy verified: {rows} rows in {tables} tables, identical to the original. You can now use this database on this computer.</source>
        <translation>Copie vérifiée&#xa0;: {rows} lignes dans {tables} tables, identiques à l’original. Vous pouvez maintenant utiliser cette base sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Warning: no password store (keyring) is available on this computer, so the password is written unencrypted in {path}, a file only your user account can read. To avoid that, leave the password out here and put it in the ~/.pgpass file of this computer instead.</source>
        <translation>Attention&#xa0;: aucun trousseau (gestionnaire de mots de passe) n’est disponible sur cet ordinateur, le mot de passe est donc écrit en clair, sans chiffrement, dans {path}, un fichier que seul votre compte utilisateur peut lire. Pour l’éviter, ne saisissez pas le mot de passe ici et placez-le plutôt dans le fichier ~/.pgpass de cet ordinateur.</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Paiements</translation>
    </message>
    <message>
        <source>Reminder levels</source>
        <translation>Niveaux de relance</translation>
    </message>
    <message>
        <source>Reminders sent</source>
        <translation>Relances envoyées</translation>
    </message>
    <message>
        <source>Recurring invoices</source>
        <translation>Factures récurrentes</translation>
    </message>
    <message>
        <source>Recurring invoices made</source>
        <translation>Factures récurrentes émises</translation>
    </message>
    <message>
        <source>Platform statuses</source>
        <translation>Statuts de la plateforme</translation>
    </message>
    <message>
        <source>Attachments of the e-mails</source>
        <translation>Pièces jointes des e-mails</translation>
    </message>
    <message>
        <source>Documents of grouped e-mails</source>
        <translation>Documents des e-mails groupés</translation>
    </message>
    <message>
        <source>Chosen by the FACTURIER_DB environment variable.</source>
        <translation>Choisie par la variable d’environnement FACTURIER_DB.</translation>
    </message>
    <message>
        <source>Type the address of the PostgreSQL database.</source>
        <translation>Saisissez l’adresse de la base PostgreSQL.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Copy your data?</source>
        <translation>Copier vos données&#x202f;?</translation>
    </message>
    <message>
        <source>Copying…</source>
        <translation>Copie en cours…</translation>
    </message>
    <message>
        <source>Use this database?</source>
        <translation>Utiliser cette base&#x202f;?</translation>
    </message>
    <message>
        <source>Checking the database…</source>
        <translation>Vérification de la base…</translation>
    </message>
    <message>
        <source>Done. Restart Facturier to work on the shared database.</source>
        <translation>C’est fait. Redémarrez Facturier pour travailler sur la base partagée.</translation>
    </message>
    <message>
        <source>Its password is kept in the system&apos;s password store (keyring), for this server only.</source>
        <translation>Son mot de passe est conservé dans le trousseau du système (gestionnaire de mots de passe), pour ce serveur uniquement.</translation>
    </message>
    <message>
        <source>Catalogue items</source>
        <translation>Articles du catalogue</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Company settings</source>
        <translation>Paramètres de la société</translation>
    </message>
    <message>
        <source>E-mail templates</source>
        <translation>Modèles d’e-mails</translation>
    </message>
    <message>
        <source>Numbering counters</source>
        <translation>Compteurs de numérotation</translation>
    </message>
    <message>
        <source>Archived PDFs</source>
        <translation>PDF archivés</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Coordonnées</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>Document lines</source>
        <translation>Lignes de documents</translation>
    </message>
    <message>
        <source>Outbox messages</source>
        <translation>Messages de la boîte d’envoi</translation>
    </message>
    <message>
        <source>Send history</source>
        <translation>Historique des envois</translation>
    </message>
</context>
<context>
    <name>DeliveryChannelBox</name>
    <message>
        <source>Automatic (from the directory)</source>
        <translation>Automatique (selon l’annuaire)</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plateforme</translation>
    </message>
    <message>
        <source>Platform + copy by e-mail</source>
        <translation>Plateforme + copie par e-mail</translation>
    </message>
    <message>
        <source>Invoices and credit notes only: quotes, orders and delivery notes always go by e-mail.</source>
        <translation>Factures et avoirs uniquement&#xa0;: les devis, commandes et bons de livraison partent toujours par e-mail.</translation>
    </message>
    <message>
        <source>Automatic: e-mail — private person</source>
        <translation>Automatique&#xa0;: e-mail — particulier</translation>
    </message>
    <message>
        <source>Automatic: e-mail — client abroad</source>
        <translation>Automatique&#xa0;: e-mail — client à l’étranger</translation>
    </message>
    <message>
        <source>Automatic: e-mail — no SIREN</source>
        <translation>Automatique&#xa0;: e-mail — pas de SIREN</translation>
    </message>
    <message>
        <source>Automatic: reading the directory&apos;s last answer…</source>
        <translation>Automatique&#xa0;: lecture de la dernière réponse de l’annuaire…</translation>
    </message>
    <message>
        <source>Automatic: e-mail — no platform set up (Settings › Platform)</source>
        <translation>Automatique&#xa0;: e-mail — aucune plateforme configurée (Paramètres › Plateforme)</translation>
    </message>
    <message>
        <source>Automatic: e-mail — directory not consulted yet</source>
        <translation>Automatique&#xa0;: e-mail — annuaire pas encore consulté</translation>
    </message>
    <message>
        <source>Automatic: platform — SIREN registered in the directory on {day}</source>
        <translation>Automatique&#xa0;: plateforme — SIREN inscrit à l’annuaire le {day}</translation>
    </message>
    <message>
        <source>Automatic: e-mail — SIREN not in the directory on {day}</source>
        <translation>Automatique&#xa0;: e-mail — SIREN absent de l’annuaire le {day}</translation>
    </message>
</context>
<context>
    <name>DepositDialog</name>
    <message>
        <source>Deposit invoice – {number}</source>
        <translation>Facture d’acompte – {number}</translation>
    </message>
    <message>
        <source>A deposit invoice for {number}: one line per VAT rate, in proportion to its amounts. It opens as a draft.</source>
        <translation>Une facture d’acompte pour {number}&#xa0;: une ligne par taux de TVA, en proportion de ses montants. Elle s’ouvre en brouillon.</translation>
    </message>
    <message>
        <source>&amp;Percentage</source>
        <translation>&amp;Pourcentage</translation>
    </message>
    <message>
        <source>&amp;Amount incl. VAT</source>
        <translation>&amp;Montant TTC</translation>
    </message>
    <message>
        <source>Deposit:</source>
        <translation>Acompte&#xa0;:</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>Valeur&#xa0;:</translation>
    </message>
    <message>
        <source>Type a number above 0.</source>
        <translation>Saisissez un nombre supérieur à 0.</translation>
    </message>
    <message>
        <source>A deposit is less than 100 %: make the invoice itself instead.</source>
        <translation>Un acompte doit être inférieur à 100&#xa0;%&#xa0;: pour la totalité, établissez plutôt la facture.</translation>
    </message>
    <message>
        <source>At most two decimals.</source>
        <translation>Deux décimales au plus.</translation>
    </message>
</context>
<context>
    <name>DocumentActions</name>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Nouveau…</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>D&amp;upliquer</translation>
    </message>
    <message>
        <source>&amp;Convert to</source>
        <translation>&amp;Convertir en</translation>
    </message>
    <message>
        <source>Deposit invoice…</source>
        <translation>Facture d’acompte…</translation>
    </message>
    <message>
        <source>An invoice for a percentage or an amount of this document, paid in advance</source>
        <translation>Une facture pour un pourcentage ou un montant de ce document, payé d’avance</translation>
    </message>
    <message>
        <source>Final invoice</source>
        <translation>Facture de solde</translation>
    </message>
    <message>
        <source>The invoice of the whole document, less the deposit invoices</source>
        <translation>La facture du document entier, déduction faite des factures d’acompte</translation>
    </message>
    <message>
        <source>Cancel with a credit &amp;note…</source>
        <translation>Annuler par un &amp;avoir…</translation>
    </message>
    <message>
        <source>&amp;Payments…</source>
        <translation>&amp;Paiements…</translation>
    </message>
    <message>
        <source>Record a payment received, or mark the invoice paid in full</source>
        <translation>Enregistrer un paiement reçu, ou marquer la facture comme entièrement payée</translation>
    </message>
    <message>
        <source>Mark as unpaid</source>
        <translation>Marquer comme non payée</translation>
    </message>
    <message>
        <source>In di&amp;spute</source>
        <translation>En &amp;litige</translation>
    </message>
    <message>
        <source>The client disputes this invoice: no payment reminder goes for it</source>
        <translation>Le client conteste cette facture&#xa0;: aucune relance n’est envoyée</translation>
    </message>
    <message>
        <source>&amp;Recurrence…</source>
        <translation>&amp;Récurrence…</translation>
    </message>
    <message>
        <source>Make this invoice again every month, quarter or year</source>
        <translation>Refaire cette facture chaque mois, trimestre ou année</translation>
    </message>
    <message>
        <source>&amp;Delete draft</source>
        <translation>&amp;Supprimer le brouillon</translation>
    </message>
    <message>
        <source>Pre&amp;view PDF…</source>
        <translation>&amp;Aperçu du PDF…</translation>
    </message>
    <message>
        <source>C&amp;lient…</source>
        <translation>C&amp;lient…</translation>
    </message>
    <message>
        <source>A new draft of this kind (Ctrl+N)</source>
        <translation>Un nouveau brouillon de ce type (Ctrl+N)</translation>
    </message>
    <message>
        <source>Open the current document (Enter, Ctrl+O)</source>
        <translation>Ouvrir le document sélectionné (Entrée, Ctrl+O)</translation>
    </message>
    <message>
        <source>See, print or save the document&apos;s PDF</source>
        <translation>Voir, imprimer ou enregistrer le PDF du document</translation>
    </message>
    <message>
        <source>Make a credit note that cancels invoice {number}? It opens as a draft with the invoice&apos;s lines: remove what should not be credited, then validate it.</source>
        <translation>Établir un avoir qui annule la facture {number}&#x202f;? Il s’ouvre en brouillon avec les lignes de la facture&#xa0;: retirez ce qui ne doit pas être crédité, puis validez-le.</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>brouillon</translation>
    </message>
    <message>
        <source>Delete this draft ({kind}, {client})? This cannot be undone.</source>
        <translation>Supprimer ce brouillon ({kind}, {client})&#x202f;? Cette action est définitive.</translation>
    </message>
    <message>
        <source>Facturier</source>
        <translation>Facturier</translation>
    </message>
</context>
<context>
    <name>DocumentDates</name>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Valable jusqu’au</translation>
    </message>
    <message>
        <source>Delivery date</source>
        <translation>Date de livraison</translation>
    </message>
</context>
<context>
    <name>DocumentEditorDialog</name>
    <message>
        <source>Validate</source>
        <translation>Valider</translation>
    </message>
    <message>
        <source>Give the document its number and archive its PDF; it can then no longer be changed.</source>
        <translation>Numéroter le document et archiver son PDF&#x202f;; il ne pourra ensuite plus être modifié.</translation>
    </message>
    <message>
        <source>Validate and send</source>
        <translation>Valider et envoyer</translation>
    </message>
    <message>
        <source>Validate the document, then open the sending of it by e-mail.</source>
        <translation>Valider le document, puis préparer son envoi par e-mail.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Save as a draft (no number yet) and close.</source>
        <translation>Enregistrer comme brouillon (sans numéro pour l’instant) et fermer.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Notes (printed on the document)</source>
        <translation>Notes (imprimées sur le document)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Validated document: it can no longer be changed.</source>
        <translation>Document validé&#xa0;: il ne peut plus être modifié.</translation>
    </message>
    <message>
        <source>To cancel it, issue a credit note.</source>
        <translation>Pour l’annuler, émettez un avoir.</translation>
    </message>
    <message numerus="yes">
        <source>(and %n other problem(s))</source>
        <translation>
            <numerusform>(et %n autre problème)</numerusform>
            <numerusform>(et %n autres problèmes)</numerusform>
        </translation>
    </message>
    <message>
        <source>Validate this document now?</source>
        <translation>Valider ce document maintenant&#x202f;?</translation>
    </message>
    <message>
        <source>It gets its final number and its PDF is archived: after that it can no longer be changed.</source>
        <translation>Il reçoit son numéro définitif et son PDF est archivé&#xa0;: ensuite, il ne pourra plus être modifié.</translation>
    </message>
    <message>
        <source>Add at least one line before validating.</source>
        <translation>Ajoutez au moins une ligne avant de valider.</translation>
    </message>
    <message>
        <source>Validating: numbering and archiving the PDF…</source>
        <translation>Validation&#xa0;: numérotation et archivage du PDF…</translation>
    </message>
    <message>
        <source>Validated: number {number}. Its PDF is archived and the document can no longer be changed.</source>
        <translation>Validé&#xa0;: numéro {number}. Son PDF est archivé et le document ne peut plus être modifié.</translation>
    </message>
    <message>
        <source>The document could not be validated ({error}). It was saved as a draft: nothing was lost.</source>
        <translation>Le document n’a pas pu être validé ({error}). Il a été enregistré comme brouillon&#xa0;: rien n’est perdu.</translation>
    </message>
    <message>
        <source>Save the changes to this document?</source>
        <translation>Enregistrer les modifications de ce document&#x202f;?</translation>
    </message>
</context>
<context>
    <name>DocumentEditorTexts</name>
    <message>
        <source>The description</source>
        <translation>La désignation</translation>
    </message>
    <message>
        <source>The quantity</source>
        <translation>La quantité</translation>
    </message>
    <message>
        <source>The unit price</source>
        <translation>Le prix unitaire</translation>
    </message>
    <message>
        <source>The discount</source>
        <translation>La remise</translation>
    </message>
    <message>
        <source>The VAT rate</source>
        <translation>Le taux de TVA</translation>
    </message>
    <message>
        <source>Type the quantity.</source>
        <translation>Saisissez la quantité.</translation>
    </message>
    <message>
        <source>Type the unit price (0 for something free).</source>
        <translation>Saisissez le prix unitaire (0 pour un élément gratuit).</translation>
    </message>
    <message>
        <source>Type a description of the product or service.</source>
        <translation>Saisissez la désignation du produit ou du service.</translation>
    </message>
    <message>
        <source>“{value}” is not a number: type digits, with a comma or a dot for decimals (12,5).</source>
        <translation>«&#x202f;{value}&#x202f;» n’est pas un nombre&#xa0;: saisissez des chiffres, avec une virgule ou un point pour les décimales (12,5).</translation>
    </message>
    <message>
        <source>{label} has at most {limit} decimals.</source>
        <translation>{label} ne peut pas avoir plus de {limit} décimales.</translation>
    </message>
    <message>
        <source>The line&apos;s total is over {limit}: check the quantity and the unit price.</source>
        <translation>Le total de la ligne dépasse {limit}&#xa0;: vérifiez la quantité et le prix unitaire.</translation>
    </message>
    <message>
        <source>The quantity must be more than 0 and at most {limit}.</source>
        <translation>La quantité doit être supérieure à 0 et inférieure ou égale à {limit}.</translation>
    </message>
    <message>
        <source>The unit price must be between 0 and {limit}.</source>
        <translation>Le prix unitaire doit être compris entre 0 et {limit}.</translation>
    </message>
    <message>
        <source>The discount must be between 0 and 100 %.</source>
        <translation>La remise doit être comprise entre 0 et 100 %.</translation>
    </message>
    <message>
        <source>The VAT rate must be between 0 and 100 %.</source>
        <translation>Le taux de TVA doit être compris entre 0 et 100 %.</translation>
    </message>
    <message>
        <source>{kind} (draft) – {client}</source>
        <translation>{kind} (brouillon) – {client}</translation>
    </message>
    <message>
        <source>{kind} {number} – {client}</source>
        <translation>{kind} {number} – {client}</translation>
    </message>
    <message>
        <source>Line {line}: {reason}</source>
        <translation>Ligne {line}&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Choose the client: type part of its name and pick it in the list, or create it with “New client…”.</source>
        <translation>Choisissez le client&#xa0;: saisissez une partie de son nom et sélectionnez-le dans la liste, ou créez-le avec «&#x202f;Nouveau client…&#x202f;».</translation>
    </message>
    <message>
        <source>This document was validated elsewhere meanwhile (number {number}): it can no longer be changed.</source>
        <translation>Ce document a été validé ailleurs entre-temps (numéro {number})&#xa0;: il ne peut plus être modifié.</translation>
    </message>
    <message>
        <source>The client “{client}” no longer exists: it was deleted elsewhere. Choose another client, or create it again with “New client…”. Nothing else was lost.</source>
        <translation>Le client «&#x202f;{client}&#x202f;» n’existe plus&#xa0;: il a été supprimé ailleurs. Choisissez un autre client, ou recréez-le avec «&#x202f;Nouveau client…&#x202f;». Rien d’autre n’est perdu.</translation>
    </message>
    <message>
        <source>This document was validated elsewhere meanwhile (number {number}): it can no longer be changed. Press Save to keep what you typed as a new draft.</source>
        <translation>Ce document a été validé ailleurs entre-temps (numéro {number})&#xa0;: il ne peut plus être modifié. Cliquez sur Enregistrer pour conserver votre saisie dans un nouveau brouillon.</translation>
    </message>
    <message>
        <source>The document&apos;s total is beyond what Facturier can store ({limit} € excl. VAT): check the quantities and prices.</source>
        <translation>Le total du document dépasse ce que Facturier peut enregistrer ({limit} € HT)&#xa0;: vérifiez les quantités et les prix.</translation>
    </message>
    <message>
        <source>A document has at most {limit} lines.</source>
        <translation>Un document ne peut pas comporter plus de {limit} lignes.</translation>
    </message>
    <message>
        <source>The catalogue needs a name for the item: the first line of the description (at most {limit} characters).</source>
        <translation>Le catalogue a besoin d’un nom pour l’article&#xa0;: la première ligne de la désignation ({limit} caractères au plus).</translation>
    </message>
    <message>
        <source>The catalogue refuses this line: {reason}</source>
        <translation>Le catalogue refuse cette ligne&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>This document no longer exists: it was deleted elsewhere.</source>
        <translation>Ce document n’existe plus&#xa0;: il a été supprimé ailleurs.</translation>
    </message>
    <message>
        <source>This draft no longer exists: it was deleted elsewhere. Press Save to keep what you typed as a new draft.</source>
        <translation>Ce brouillon n’existe plus&#xa0;: il a été supprimé ailleurs. Cliquez sur Enregistrer pour conserver votre saisie dans un nouveau brouillon.</translation>
    </message>
    <message>
        <source>Add at least one line before validating.</source>
        <translation>Ajoutez au moins une ligne avant de valider.</translation>
    </message>
</context>
<context>
    <name>DocumentHeader</name>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Payment terms</source>
        <translation>Conditions de paiement</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Dates</translation>
    </message>
</context>
<context>
    <name>DocumentInfoDialog</name>
    <message>
        <source>(draft)</source>
        <translation>(brouillon)</translation>
    </message>
    <message>
        <source>Information – {number}</source>
        <translation>Informations – {number}</translation>
    </message>
    <message>
        <source>Send history</source>
        <translation>Historique des envois</translation>
    </message>
    <message>
        <source>No send attempt yet.</source>
        <translation>Aucune tentative d’envoi pour l’instant.</translation>
    </message>
    <message>
        <source>Statuses on the e-invoicing platform</source>
        <translation>Statuts sur la plateforme de facturation électronique</translation>
    </message>
    <message>
        <source>Payment reminders</source>
        <translation>Relances</translation>
    </message>
    <message>
        <source>No reminder for this invoice.</source>
        <translation>Aucune relance pour cette facture.</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Type&#xa0;:</translation>
    </message>
    <message>
        <source>Number:</source>
        <translation>Numéro&#xa0;:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Statut&#xa0;:</translation>
    </message>
    <message>
        <source>Client:</source>
        <translation>Client&#xa0;:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Date&#xa0;:</translation>
    </message>
    <message>
        <source>Due date:</source>
        <translation>Échéance&#xa0;:</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>Valable jusqu’au&#xa0;:</translation>
    </message>
    <message>
        <source>Delivery date:</source>
        <translation>Date de livraison&#xa0;:</translation>
    </message>
    <message>
        <source>Validated on:</source>
        <translation>Validé le&#xa0;:</translation>
    </message>
    <message>
        <source>Invoicing:</source>
        <translation>Facturation&#xa0;:</translation>
    </message>
    <message>
        <source>Deposit</source>
        <translation>Acompte</translation>
    </message>
    <message>
        <source>Final invoice</source>
        <translation>Facture de solde</translation>
    </message>
    <message>
        <source>Total excl. VAT:</source>
        <translation>Total HT&#xa0;:</translation>
    </message>
    <message>
        <source>VAT:</source>
        <translation>TVA&#xa0;:</translation>
    </message>
    <message>
        <source>Total incl. VAT:</source>
        <translation>Total TTC&#xa0;:</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Pas encore</translation>
    </message>
    <message>
        <source>Paid on:</source>
        <translation>Payée le&#xa0;:</translation>
    </message>
    <message>
        <source>{date} · {amount} · {method}</source>
        <translation>{date} · {amount} · {method}</translation>
    </message>
    <message>
        <source>Payments received:</source>
        <translation>Paiements reçus&#xa0;:</translation>
    </message>
    <message>
        <source>Yes ({size})</source>
        <translation>Oui ({size})</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>Archived PDF:</source>
        <translation>PDF archivé&#xa0;:</translation>
    </message>
    <message>
        <source>Factur-X:</source>
        <translation>Factur-X&#xa0;:</translation>
    </message>
    <message>
        <source>Platform:</source>
        <translation>Plateforme&#xa0;:</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>E-mail&#xa0;:</translation>
    </message>
    <message>
        <source>; </source>
        <comment>between two reasons</comment>
        <translation>&#x202f;; </translation>
    </message>
    <message>
        <source>Yes, profile EN 16931 (the complete structured invoice).</source>
        <translation>Oui, profil EN 16931 (la facture structurée complète).</translation>
    </message>
    <message>
        <source>Yes, profile BASIC WL rather than EN 16931: the structured invoice has the totals and VAT but not the lines, because {reasons}.</source>
        <translation>Oui, profil BASIC WL plutôt que EN 16931&#xa0;: la facture structurée contient les totaux et la TVA, mais pas les lignes, car {reasons}.</translation>
    </message>
    <message>
        <source>Yes, profile BASIC WL.</source>
        <translation>Oui, profil BASIC WL.</translation>
    </message>
    <message>
        <source>Yes, profile BASIC rather than EN 16931, because {reasons}.</source>
        <translation>Oui, profil BASIC plutôt que EN 16931, car {reasons}.</translation>
    </message>
    <message>
        <source>Yes, profile BASIC.</source>
        <translation>Oui, profil BASIC.</translation>
    </message>
    <message>
        <source>Yes, profile {profile}.</source>
        <translation>Oui, profil {profile}.</translation>
    </message>
    <message>
        <source>No: Factur-X was turned off in the settings when the PDF was made.</source>
        <translation>Non&#xa0;: Factur-X était désactivé dans les paramètres lors de la création du PDF.</translation>
    </message>
    <message>
        <source>No: the Factur-X file could not be made (see the log); plain PDF.</source>
        <translation>Non&#xa0;: le fichier Factur-X n’a pas pu être créé (voir le journal)&#x202f;; PDF simple.</translation>
    </message>
    <message>
        <source>No, a plain PDF, because {reasons}.</source>
        <translation>Non, un PDF simple, car {reasons}.</translation>
    </message>
    <message>
        <source>No, a plain PDF.</source>
        <translation>Non, un PDF simple.</translation>
    </message>
    <message>
        <source>your company has no VAT number</source>
        <translation>votre entreprise n’a pas de numéro de TVA</translation>
    </message>
    <message>
        <source>a line has no description</source>
        <translation>une ligne n’a pas de désignation</translation>
    </message>
    <message>
        <source>the document has no lines</source>
        <translation>le document n’a aucune ligne</translation>
    </message>
    <message>
        <source>your company has no name</source>
        <translation>votre entreprise n’a pas de raison sociale</translation>
    </message>
    <message>
        <source>the client has no name</source>
        <translation>le client n’a pas de nom</translation>
    </message>
    <message>
        <source>your company&apos;s country is not recognised</source>
        <translation>le pays de votre entreprise n’est pas reconnu</translation>
    </message>
    <message>
        <source>the client&apos;s country is not recognised</source>
        <translation>le pays du client n’est pas reconnu</translation>
    </message>
    <message>
        <source>your company has neither a SIREN nor a VAT number</source>
        <translation>votre entreprise n’a ni SIREN ni numéro de TVA</translation>
    </message>
    <message>
        <source>Factur-X was turned off in the settings</source>
        <translation>Factur-X était désactivé dans les paramètres</translation>
    </message>
    <message>
        <source>Rejected by the platform</source>
        <translation>Rejeté par la plateforme</translation>
    </message>
    <message>
        <source>Sent through the platform</source>
        <translation>Envoyé par la plateforme</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>Date et heure</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>To</source>
        <translation>À</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>Cc</translation>
    </message>
    <message>
        <source>Bcc</source>
        <translation>Cci</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Server reply</source>
        <translation>Réponse du serveur</translation>
    </message>
    <message>
        <source>Subject: {subject}</source>
        <translation>Objet&#xa0;: {subject}</translation>
    </message>
    <message>
        <source>Message-ID: {id}</source>
        <translation>Message-ID&#xa0;: {id}</translation>
    </message>
    <message>
        <source>SIREN {siren}</source>
        <translation>SIREN {siren}</translation>
    </message>
    <message>
        <source>Deposited</source>
        <translation>Déposé</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>À&#xa0;:</translation>
    </message>
    <message>
        <source>Cc:</source>
        <translation>Cc&#xa0;:</translation>
    </message>
    <message>
        <source>Bcc:</source>
        <translation>Cci&#xa0;:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Motif&#xa0;:</translation>
    </message>
    <message>
        <source>Server reply:</source>
        <translation>Réponse du serveur&#xa0;:</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plateforme</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Prepared on</source>
        <translation>Préparée le</translation>
    </message>
    <message>
        <source>Sent on</source>
        <translation>Envoyée le</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinataires</translation>
    </message>
    <message>
        <source>Amount asked</source>
        <translation>Montant demandé</translation>
    </message>
    <message>
        <source>{level} – {name}</source>
        <translation>{level} – {name}</translation>
    </message>
    <message>
        <source>Cc: {addresses}</source>
        <translation>Cc&#xa0;: {addresses}</translation>
    </message>
    <message>
        <source>Not sent (message deleted)</source>
        <translation>Non envoyée (message supprimé)</translation>
    </message>
    <message>
        <source>Cancelled: the invoice was paid</source>
        <translation>Annulée&#xa0;: la facture a été payée</translation>
    </message>
    <message>
        <source>Cancelled: the invoice is disputed</source>
        <translation>Annulée&#xa0;: la facture est en litige</translation>
    </message>
    <message>
        <source>Cancelled before it left</source>
        <translation>Annulée avant l’envoi</translation>
    </message>
    <message>
        <source>Paused: prepared to be sent later</source>
        <translation>En pause&#xa0;: préparée pour être envoyée plus tard</translation>
    </message>
    <message>
        <source>Paused in the outbox</source>
        <translation>En pause dans la boîte d’envoi</translation>
    </message>
    <message>
        <source>Waiting in the outbox</source>
        <translation>En attente dans la boîte d’envoi</translation>
    </message>
    <message>
        <source>Refused by the server: {reason}</source>
        <translation>Refusée par le serveur&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>Refusée par le serveur</translation>
    </message>
    <message>
        <source>Uncertain: the connection was lost, it may have arrived</source>
        <translation>Incertaine&#xa0;: la connexion a été coupée, elle est peut-être arrivée</translation>
    </message>
    <message>
        <source>Sent, date unknown</source>
        <translation>Envoyée, date inconnue</translation>
    </message>
    <message>
        <source>The connection was lost after the message was handed over: it may have arrived.</source>
        <translation>La connexion a été perdue après la transmission du message&#xa0;: il est peut-être arrivé.</translation>
    </message>
    <message>
        <source>{refusal} (your copy)</source>
        <translation>{refusal} (votre copie)</translation>
    </message>
    <message>
        <source>Sent, address refused</source>
        <translation>Envoyé, adresse refusée</translation>
    </message>
    <message>
        <source>Sent, {count} addresses refused</source>
        <translation>Envoyé, {count} adresses refusées</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <source>New attempt planned</source>
        <translation>Nouvel essai prévu</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refusé</translation>
    </message>
    <message>
        <source>Uncertain</source>
        <translation>Incertain</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>The server&apos;s own words: {reply}</source>
        <translation>Réponse du serveur, telle quelle&#xa0;: {reply}</translation>
    </message>
</context>
<context>
    <name>DocumentMentions</name>
    <message>
        <source>Mentions</source>
        <translation>Mentions</translation>
    </message>
    <message>
        <source>Not chosen</source>
        <translation>Non choisie</translation>
    </message>
    <message>
        <source>Operation category</source>
        <translation>Catégorie d’opération</translation>
    </message>
    <message>
        <source>VAT on debits (mention printed)</source>
        <translation>TVA d’après les débits (mention imprimée)</translation>
    </message>
    <message>
        <source>Prints “Option pour le paiement de la taxe d&apos;après les débits”. Ticked by default when the company opted for it (Settings › Legal mentions).</source>
        <translation>Imprime «&#x202f;Option pour le paiement de la taxe d’après les débits&#x202f;». Cochée par défaut si l’entreprise a choisi cette option (Paramètres › Mentions légales).</translation>
    </message>
    <message>
        <source>Delivery address differs from billing address</source>
        <translation>Adresse de livraison différente de l’adresse de facturation</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Delivery street</source>
        <translation>Adresse (livraison)</translation>
    </message>
    <message>
        <source>Delivery postal code</source>
        <translation>Code postal (livraison)</translation>
    </message>
    <message>
        <source>Delivery city</source>
        <translation>Ville (livraison)</translation>
    </message>
    <message>
        <source>Delivery country</source>
        <translation>Pays (livraison)</translation>
    </message>
    <message>
        <source>Deliver to</source>
        <translation>Livrer à</translation>
    </message>
    <message>
        <source>Type the delivery address, or untick “Delivery address differs”.</source>
        <translation>Saisissez l’adresse de livraison, ou décochez «&#x202f;Adresse de livraison différente&#x202f;».</translation>
    </message>
</context>
<context>
    <name>DocumentProblems</name>
    <message>
        <source>This document is still a draft: validate it first.</source>
        <translation>Ce document est encore un brouillon&#xa0;: validez-le d’abord.</translation>
    </message>
    <message>
        <source>Document {number} is validated: it can no longer be changed or deleted. An invoice is cancelled by a credit note.</source>
        <translation>Le document {number} est validé&#xa0;: il ne peut plus être modifié ni supprimé. Une facture s’annule par un avoir.</translation>
    </message>
    <message>
        <source>This conversion is not possible: {kind} → {target}.</source>
        <translation>Cette conversion n’est pas possible&#xa0;: {kind} → {target}.</translation>
    </message>
    <message>
        <source>This action is not possible for this kind of document ({kind}).</source>
        <translation>Cette action n’est pas possible pour ce type de document ({kind}).</translation>
    </message>
    <message>
        <source>Invoice {number} is already fully cancelled by credit note {credit_notes}.</source>
        <translation>La facture {number} est déjà entièrement annulée par l’avoir {credit_notes}.</translation>
    </message>
    <message>
        <source>This credit note refunds more than what is left of invoice {number}: at most {remaining} excl. VAT can still be credited. Remove or reduce lines.</source>
        <translation>Cet avoir rembourse plus que ce qui reste de la facture {number}&#xa0;: {remaining} HT au plus peuvent encore être crédités. Retirez ou réduisez des lignes.</translation>
    </message>
    <message>
        <source>The client of this document no longer exists: it was deleted elsewhere.</source>
        <translation>Le client de ce document n’existe plus&#xa0;: il a été supprimé ailleurs.</translation>
    </message>
    <message>
        <source>This document no longer exists: it was deleted elsewhere.</source>
        <translation>Ce document n’existe plus&#xa0;: il a été supprimé ailleurs.</translation>
    </message>
    <message>
        <source>The payment method is too long or holds a line break.</source>
        <translation>Le mode de paiement est trop long ou contient un retour à la ligne.</translation>
    </message>
</context>
<context>
    <name>DocumentTableModel</name>
    <message>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Total incl. VAT</source>
        <translation>Total TTC</translation>
    </message>
    <message>
        <source>Left to pay</source>
        <translation>Reste à payer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Relance</translation>
    </message>
    <message>
        <source>E-mail or e-invoicing platform: point at an icon to see when and how it was sent, and the invoice&apos;s status on the platform</source>
        <translation>E-mail ou plateforme de facturation électronique&#xa0;: survolez une icône pour voir quand et comment le document a été envoyé, et le statut de la facture sur la plateforme</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>(draft)</source>
        <translation>(brouillon)</translation>
    </message>
    <message>
        <source>Disputed</source>
        <translation>En litige</translation>
    </message>
    <message>
        <source>{level} · {date}</source>
        <translation>{level} · {date}</translation>
    </message>
    <message>
        <source>{status}, disputed: the client disputes this invoice, no reminder goes for it.</source>
        <translation>{status}, en litige&#xa0;: le client conteste cette facture, aucune relance n’est envoyée.</translation>
    </message>
    <message>
        <source>Reminder level {level} sent on {date}</source>
        <translation>Relance de niveau {level} envoyée le {date}</translation>
    </message>
    <message>
        <source>Left to pay: total less payments received and credit notes</source>
        <translation>Reste à payer&#xa0;: le total moins les paiements reçus et les avoirs</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Envoi</translation>
    </message>
</context>
<context>
    <name>DrainPanel</name>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Stopping after the current message…</source>
        <translation>Arrêt après le message en cours…</translation>
    </message>
    <message>
        <source>Stop after the current message: what was sent stays sent, the rest waits on hold until you resume.</source>
        <translation>Arrêter après le message en cours&#xa0;: ce qui est parti reste envoyé, le reste est mis en pause jusqu’à ce que vous repreniez l’envoi.</translation>
    </message>
    <message>
        <source>Automatic retry: sending the messages the server asked to retry…</source>
        <translation>Nouvel essai automatique&#xa0;: envoi des messages pour lesquels le serveur a demandé un nouvel essai…</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi en cours…</translation>
    </message>
    <message>
        <source>Sending: {done} of {total} processed (last: {number})</source>
        <translation>Envoi&#xa0;: {done} sur {total} traités (dernier&#xa0;: {number})</translation>
    </message>
    <message>
        <source>Nothing to send.</source>
        <translation>Rien à envoyer.</translation>
    </message>
    <message>
        <source>Automatic retry:</source>
        <translation>Nouvel essai automatique&#xa0;:</translation>
    </message>
    <message>
        <source>Sending stopped on an unexpected error.</source>
        <translation>L’envoi a été interrompu par une erreur inattendue.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) sent</source>
        <translation>
            <numerusform>%n message envoyé</numerusform>
            <numerusform>%n messages envoyés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with a refused address</source>
        <translation>
            <numerusform>%n avec une adresse refusée</numerusform>
            <numerusform>%n avec une adresse refusée</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to retry later</source>
        <translation>
            <numerusform>%n à réessayer plus tard</numerusform>
            <numerusform>%n à réessayer plus tard</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n en échec</numerusform>
            <numerusform>%n en échec</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n uncertain</source>
        <translation>
            <numerusform>%n incertain</numerusform>
            <numerusform>%n incertains</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n on hold</source>
        <translation>
            <numerusform>%n en pause</numerusform>
            <numerusform>%n en pause</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending stopped.</source>
        <translation>Envoi arrêté.</translation>
    </message>
    <message>
        <source>What was not sent is on hold: press “Resume sending” to send it.</source>
        <translation>Ce qui n’est pas parti est en pause&#xa0;: cliquez sur «&#x202f;Reprendre l’envoi&#x202f;» pour l’envoyer.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) not sent: the client&apos;s addresses changed since preparation. Choose “Prepare again” or “Send as is”.</source>
        <translation>
            <numerusform>%n message non envoyé&#xa0;: les adresses du client ont changé depuis la préparation. Choisissez «&#x202f;Préparer à nouveau&#x202f;» ou «&#x202f;Envoyer tel quel&#x202f;».</numerusform>
            <numerusform>%n messages non envoyés&#xa0;: les adresses des clients ont changé depuis la préparation. Choisissez «&#x202f;Préparer à nouveau&#x202f;» ou «&#x202f;Envoyer tel quel&#x202f;».</numerusform>
        </translation>
    </message>
    <message>
        <source>The messages are on hold: check the mail settings, then press “Resume sending”.</source>
        <translation>Les messages sont en pause&#xa0;: vérifiez les réglages de messagerie, puis cliquez sur «&#x202f;Reprendre l’envoi&#x202f;».</translation>
    </message>
    <message>
        <source>The messages stay in the outbox: press “Resume sending” to try again (automatic retries are off).</source>
        <translation>Les messages restent dans la boîte d’envoi&#xa0;: cliquez sur «&#x202f;Reprendre l’envoi&#x202f;» pour réessayer (les nouveaux essais automatiques sont désactivés).</translation>
    </message>
    <message>
        <source>The messages stay in the outbox</source>
        <translation>Les messages restent dans la boîte d’envoi</translation>
    </message>
    <message>
        <source>; next automatic attempt at {time}.</source>
        <translation>&#x202f;; prochain essai automatique à {time}.</translation>
    </message>
    <message>
        <source>The messages stay in the outbox.</source>
        <translation>Les messages restent dans la boîte d’envoi.</translation>
    </message>
</context>
<context>
    <name>EnvelopeTexts</name>
    <message>
        <source>Not sent yet</source>
        <translation>Pas encore envoyé</translation>
    </message>
    <message>
        <source>E-mailed</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <source>E-mailed, an address was refused</source>
        <translation>Envoyé, une adresse refusée</translation>
    </message>
    <message>
        <source>Waiting in the outbox</source>
        <translation>En attente dans la boîte d’envoi</translation>
    </message>
    <message>
        <source>On hold in the outbox</source>
        <translation>En pause dans la boîte d’envoi</translation>
    </message>
    <message>
        <source>Sending failed</source>
        <translation>Échec de l’envoi</translation>
    </message>
    <message>
        <source>Outcome uncertain</source>
        <translation>Résultat incertain</translation>
    </message>
    <message>
        <source>Sent on {date} at {time}</source>
        <translation>Envoyé le {date} à {time}</translation>
    </message>
    <message>
        <source>To: {addresses}</source>
        <translation>À&#xa0;: {addresses}</translation>
    </message>
    <message>
        <source>Draft: it can be e-mailed once validated.</source>
        <translation>Brouillon&#xa0;: il pourra être envoyé une fois validé.</translation>
    </message>
    <message>
        <source>Last sent on {date} at {time}</source>
        <translation>Dernier envoi le {date} à {time}</translation>
    </message>
    <message>
        <source>Last sent on {date} at {time} to {addresses}</source>
        <translation>Dernier envoi le {date} à {time}, à {addresses}</translation>
    </message>
    <message>
        <source>Being sent now</source>
        <translation>Envoi en cours</translation>
    </message>
    <message>
        <source>On hold since {date} at {time}</source>
        <translation>En pause depuis le {date} à {time}</translation>
    </message>
    <message>
        <source>Waiting in the outbox: the mail server asked to try again later.</source>
        <translation>En attente dans la boîte d’envoi&#xa0;: le serveur de messagerie a demandé de réessayer plus tard.</translation>
    </message>
    <message>
        <source>Waiting in the outbox: the mail server could not be reached; it will be tried again.</source>
        <translation>En attente dans la boîte d’envoi&#xa0;: le serveur de messagerie n’a pas pu être joint&#x202f;; un nouvel essai aura lieu.</translation>
    </message>
    <message>
        <source>Next attempt on {date} at {time}</source>
        <translation>Prochain essai le {date} à {time}</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>Motif&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Deposited on the platform</source>
        <translation>Déposée sur la plateforme</translation>
    </message>
    <message>
        <source>Approved on the platform</source>
        <translation>Approuvée sur la plateforme</translation>
    </message>
    <message>
        <source>Disputed or suspended on the platform</source>
        <translation>En litige ou suspendue sur la plateforme</translation>
    </message>
    <message>
        <source>Rejected or refused on the platform</source>
        <translation>Rejetée ou refusée sur la plateforme</translation>
    </message>
    <message>
        <source>Platform: {status}</source>
        <translation>Plateforme&#xa0;: {status}</translation>
    </message>
    <message>
        <source>Rejected by the platform on {date}: {reason}</source>
        <translation>Rejetée par la plateforme le {date}&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Rejected by the platform on {date}</source>
        <translation>Rejetée par la plateforme le {date}</translation>
    </message>
    <message>
        <source>Deposited on the platform on {date}</source>
        <translation>Déposée sur la plateforme le {date}</translation>
    </message>
    <message>
        <source>Deposited on the platform on {date}; status: {status} ({day})</source>
        <translation>Déposée sur la plateforme le {date}&#x202f;; statut&#xa0;: {status} ({day})</translation>
    </message>
    <message>
        <source>Sent through the platform; status: {status} ({day})</source>
        <translation>Envoyée par la plateforme&#x202f;; statut&#xa0;: {status} ({day})</translation>
    </message>
    <message>
        <source>Waiting in the outbox since {date} at {time}</source>
        <translation>En attente dans la boîte d’envoi depuis le {date} à {time}</translation>
    </message>
    <message>
        <source>Sending failed on {date} at {time}</source>
        <translation>Échec de l’envoi le {date} à {time}</translation>
    </message>
    <message>
        <source>Nothing was delivered to the client.</source>
        <translation>Rien n’a été remis au client.</translation>
    </message>
    <message>
        <source>Outcome uncertain: the connection to the mail server was lost on {date} at {time}, after the message was handed over.</source>
        <translation>Résultat incertain&#xa0;: la connexion au serveur de messagerie a été perdue le {date} à {time}, après la transmission du message.</translation>
    </message>
    <message>
        <source>It may have been delivered: check with the client before sending again.</source>
        <translation>Il a peut-être été distribué&#xa0;: vérifiez auprès du client avant de le renvoyer.</translation>
    </message>
    <message>
        <source>Server reply: {reply}</source>
        <translation>Réponse du serveur&#xa0;: {reply}</translation>
    </message>
    <message>
        <source>Cc: {addresses}</source>
        <translation>Cc&#xa0;: {addresses}</translation>
    </message>
    <message>
        <source>Being deposited on the platform now</source>
        <translation>Dépôt sur la plateforme en cours</translation>
    </message>
    <message>
        <source>Waiting in the outbox: the platform could not take it; it will be tried again.</source>
        <translation>En attente dans la boîte d’envoi&#xa0;: la plateforme n’a pas pu la recevoir&#x202f;; un nouvel essai aura lieu.</translation>
    </message>
    <message>
        <source>Refused by the platform on {date} at {time}</source>
        <translation>Refusée par la plateforme le {date} à {time}</translation>
    </message>
    <message>
        <source>Outcome uncertain since {date} at {time}</source>
        <translation>Résultat incertain depuis le {date} à {time}</translation>
    </message>
    <message>
        <source>Platform&apos;s answer: {reply}</source>
        <translation>Réponse de la plateforme&#xa0;: {reply}</translation>
    </message>
    <message>
        <source>Client&apos;s SIREN: {siren}</source>
        <translation>SIREN du client&#xa0;: {siren}</translation>
    </message>
    <message>
        <source>It leaves when you resume sending in the outbox.</source>
        <translation>Il partira quand vous reprendrez l’envoi dans la boîte d’envoi.</translation>
    </message>
    <message>
        <source>Your mail provider&apos;s daily limit was reached.</source>
        <translation>La limite quotidienne de votre fournisseur de messagerie a été atteinte.</translation>
    </message>
    <message>
        <source>It leaves on its own on {date} at {time} while Facturier is open (unless automatic retries are off), or when you resume sending then.</source>
        <translation>Il partira de lui-même le {date} à {time} si Facturier est ouvert (sauf si les nouveaux essais automatiques sont désactivés), ou quand vous reprendrez l’envoi à ce moment-là.</translation>
    </message>
    <message>
        <source>You stopped the sending.</source>
        <translation>Vous avez arrêté l’envoi.</translation>
    </message>
    <message>
        <source>Prepared to be sent later.</source>
        <translation>Préparé pour être envoyé plus tard.</translation>
    </message>
    <message>
        <source>The mail server refused the mail settings (login, password or certificate).</source>
        <translation>Le serveur de messagerie a refusé les réglages d’envoi (identifiant, mot de passe ou certificat).</translation>
    </message>
    <message>
        <source>Check the mail settings, then resume sending in the outbox.</source>
        <translation>Vérifiez les réglages de messagerie, puis reprenez l’envoi dans la boîte d’envoi.</translation>
    </message>
    <message>
        <source>The client&apos;s e-mail addresses changed since it was prepared.</source>
        <translation>Les adresses e-mail du client ont changé depuis sa préparation.</translation>
    </message>
    <message>
        <source>In the outbox, prepare it again or send it as it is.</source>
        <translation>Dans la boîte d’envoi, préparez-le à nouveau ou envoyez-le tel quel.</translation>
    </message>
    <message>
        <source>Address refused by the server:</source>
        <translation>Adresse refusée par le serveur&#xa0;:</translation>
    </message>
    <message>
        <source>Addresses refused by the server:</source>
        <translation>Adresses refusées par le serveur&#xa0;:</translation>
    </message>
    <message>
        <source>Delivered to: {addresses}</source>
        <translation>Remis à&#xa0;: {addresses}</translation>
    </message>
    <message>
        <source>Check the client&apos;s e-mail addresses in their record.</source>
        <translation>Vérifiez les adresses e-mail dans la fiche du client.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export for the accountant</source>
        <translation>Export comptable</translation>
    </message>
    <message>
        <source>FEC (the tax administration&apos;s format)</source>
        <translation>FEC (le format de l’administration fiscale)</translation>
    </message>
    <message>
        <source>CSV (for a spreadsheet)</source>
        <translation>CSV (pour un tableur)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Also the PDFs of the period, in a zip file</source>
        <translation>Joindre aussi les PDF de la période, dans un fichier zip</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Period (from, to)</source>
        <translation>Période (du, au)</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Folder for the accountant&apos;s files</source>
        <translation>Dossier des fichiers pour l’expert-comptable</translation>
    </message>
    <message>
        <source>Choose the folder to write the files in.</source>
        <translation>Choisissez le dossier où enregistrer les fichiers.</translation>
    </message>
    <message>
        <source>Reading the documents of the period…</source>
        <translation>Lecture des documents de la période…</translation>
    </message>
    <message>
        <source>Gathering the PDFs…</source>
        <translation>Rassemblement des PDF…</translation>
    </message>
    <message>
        <source>Written: {path} (documents: {documents}; debit {debit} = credit {credit})</source>
        <translation>Enregistré&#xa0;: {path} (documents&#xa0;: {documents}&#x202f;; débit {debit} = crédit {credit})</translation>
    </message>
    <message>
        <source>Written: {path}</source>
        <translation>Enregistré&#xa0;: {path}</translation>
    </message>
    <message>
        <source>No validated invoice or credit note is dated in this period.</source>
        <translation>Aucune facture ni aucun avoir validé n’est daté de cette période.</translation>
    </message>
    <message>
        <source>Nothing was written: {path} already exists.</source>
        <translation>Rien n’a été enregistré&#xa0;: {path} existe déjà.</translation>
    </message>
    <message>
        <source>The export stopped on an unexpected error: {error}</source>
        <translation>L’export a été interrompu par une erreur inattendue&#xa0;: {error}</translation>
    </message>
    <message>
        <source>{path} already exists. Replace it?</source>
        <translation>{path} existe déjà. Le remplacer&#x202f;?</translation>
    </message>
    <message>
        <source>Wait until the export is over.</source>
        <translation>Attendez la fin de l’export.</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>Welcome to Facturier</source>
        <translation>Bienvenue dans Facturier</translation>
    </message>
    <message>
        <source>Your database is empty. Load demo data (a sample company, clients and documents) to try the program? You can start from an empty file later.</source>
        <translation>Votre base de données est vide. Charger des données de démonstration (une entreprise, des clients et des documents d’exemple) pour essayer le programme&#x202f;? Vous pourrez repartir d’un fichier vide plus tard.</translation>
    </message>
    <message>
        <source>Preparing the demo data…</source>
        <translation>Préparation des données de démonstration…</translation>
    </message>
</context>
<context>
    <name>ImapSettingsBox</name>
    <message>
        <source>Keep a copy of each sent message in my Sent folder</source>
        <translation>Garder une copie de chaque message envoyé dans mon dossier Envoyés</translation>
    </message>
    <message>
        <source>e.g. imap.example.fr</source>
        <translation>ex. imap.exemple.fr</translation>
    </message>
    <message>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>same as for sending</source>
        <translation>le même que pour l’envoi</translation>
    </message>
    <message>
        <source>found automatically</source>
        <translation>trouvé automatiquement</translation>
    </message>
    <message>
        <source>Copy in the Sent folder (IMAP)</source>
        <translation>Copie dans le dossier Envoyés (IMAP)</translation>
    </message>
    <message>
        <source>Your mail program then shows what Facturier sent, like any message you send yourself. Gmail and Microsoft file sent messages themselves: no copy is made there.</source>
        <translation>Votre logiciel de messagerie affiche alors ce que Facturier a envoyé, comme tout message que vous envoyez vous-même. Gmail et Microsoft rangent eux-mêmes les messages envoyés&#xa0;: aucune copie n’y est faite.</translation>
    </message>
    <message>
        <source>IMAP server</source>
        <translation>Serveur IMAP</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Sent folder</source>
        <translation>Dossier Envoyés</translation>
    </message>
    <message>
        <source>The password is the one used for sending, unless your provider gives a separate one for IMAP.</source>
        <translation>Le mot de passe est celui de l’envoi, sauf si votre fournisseur en donne un distinct pour l’IMAP.</translation>
    </message>
</context>
<context>
    <name>KindAttachmentsBox</name>
    <message>
        <source>Files attached to every e-mail</source>
        <translation>Fichiers joints à chaque e-mail</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Ajouter…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Files attached to every e-mail ({kind})</source>
        <translation>Fichiers joints à chaque e-mail ({kind})</translation>
    </message>
    <message>
        <source>Choose a file to attach to every e-mail</source>
        <translation>Choisir un fichier à joindre à chaque e-mail</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>{name} added.</source>
        <translation>{name} ajouté.</translation>
    </message>
    <message>
        <source>{name} removed.</source>
        <translation>{name} retiré.</translation>
    </message>
    <message>
        <source>The attachments could not be changed: {error}</source>
        <translation>Les pièces jointes n’ont pas pu être modifiées&#xa0;: {error}</translation>
    </message>
    <message>
        <source>None: the e-mail carries the document only.</source>
        <translation>Aucun&#xa0;: seul le document est joint à l’e-mail.</translation>
    </message>
</context>
<context>
    <name>LegalPage</name>
    <message>
        <source>9 digits</source>
        <translation>9 chiffres</translation>
    </message>
    <message>
        <source>14 digits</source>
        <translation>14 chiffres</translation>
    </message>
    <message>
        <source>e.g. RCS Lyon 732 829 320</source>
        <translation>ex. RCS Lyon 732 829 320</translation>
    </message>
    <message>
        <source>e.g. FR44732829320</source>
        <translation>ex. FR44732829320</translation>
    </message>
    <message>
        <source>the SIREN</source>
        <translation>le SIREN</translation>
    </message>
    <message>
        <source>e.g. FR76 3000 4000 0300 0012 3456 789</source>
        <translation>ex. FR76 3000 4000 0300 0012 3456 789</translation>
    </message>
    <message>
        <source>8 or 11 characters</source>
        <translation>8 ou 11 caractères</translation>
    </message>
    <message>
        <source>e.g. Payment by bank transfer within 30 days</source>
        <translation>ex. Paiement par virement à 30 jours</translation>
    </message>
    <message>
        <source>e.g. 10 %</source>
        <translation>ex. 10&#xa0;%</translation>
    </message>
    <message>
        <source>e.g. 2 % discount for payment within 10 days (empty: no discount)</source>
        <translation>ex. escompte de 2&#xa0;% pour paiement sous 10 jours (vide&#xa0;: pas d’escompte)</translation>
    </message>
    <message>
        <source>Not subject to VAT (franchise en base)</source>
        <translation>Non assujetti à la TVA (franchise en base)</translation>
    </message>
    <message>
        <source>Option for paying VAT on debits</source>
        <translation>Option pour le paiement de la TVA d’après les débits</translation>
    </message>
    <message>
        <source>scheme {scheme}</source>
        <translation>schéma {scheme}</translation>
    </message>
    <message>
        <source>Tick this if your business does not charge VAT (micro-entreprise, franchise en base de TVA). Documents then show no VAT and carry the mention “{mention}”.</source>
        <translation>Cochez cette case si votre entreprise ne facture pas la TVA (micro-entreprise, franchise en base de TVA). Les documents sont alors établis sans TVA et portent la mention «&#x202f;{mention}&#x202f;».</translation>
    </message>
    <message>
        <source>If you pay VAT on your services when you invoice them rather than when you are paid; invoices print “{mention}”.</source>
        <translation>Si vous payez la TVA sur vos prestations de services dès la facturation plutôt qu’à l’encaissement&#x202f;; les factures portent la mention «&#x202f;{mention}&#x202f;».</translation>
    </message>
    <message>
        <source>Early-payment discount</source>
        <translation>Escompte pour paiement anticipé</translation>
    </message>
    <message>
        <source>Late-penalty rate</source>
        <translation>Taux des pénalités de retard</translation>
    </message>
    <message>
        <source>Own wording</source>
        <translation>Formulation personnalisée</translation>
    </message>
    <message>
        <source>Correct the rate to see what is printed.</source>
        <translation>Corrigez le taux pour voir ce qui sera imprimé.</translation>
    </message>
    <message>
        <source>Invoices to businesses print your own wording as it is.</source>
        <translation>Les factures aux entreprises portent votre formulation telle quelle.</translation>
    </message>
    <message>
        <source>Invoices to businesses also print:</source>
        <translation>Les factures aux entreprises portent aussi&#xa0;:</translation>
    </message>
    <message>
        <source>Invoices to businesses (not to private persons) print:</source>
        <translation>Les factures aux entreprises (pas aux particuliers) portent&#xa0;:</translation>
    </message>
    <message>
        <source>Not chosen yet</source>
        <translation>Pas encore choisie</translation>
    </message>
    <message>
        <source>Make invoices Factur-X files (EN 16931)</source>
        <translation>Établir les factures au format Factur-X (EN 16931)</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>Only to replace the sentences above with your own wording</source>
        <translation>Seulement pour remplacer les phrases ci-dessus par votre propre formulation</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>Immatriculation</translation>
    </message>
    <message>
        <source>SIREN</source>
        <translation>SIREN</translation>
    </message>
    <message>
        <source>SIRET</source>
        <translation>SIRET</translation>
    </message>
    <message>
        <source>RCS registration</source>
        <translation>Immatriculation RCS</translation>
    </message>
    <message>
        <source>VAT number</source>
        <translation>N° de TVA</translation>
    </message>
    <message>
        <source>E-invoicing address</source>
        <translation>Adresse e-facturation</translation>
    </message>
    <message>
        <source>The address the e-invoicing directory routes your invoices on (scheme 0225): your SIREN unless your platform gave you another one.</source>
        <translation>L’adresse sur laquelle l’annuaire de la facturation électronique achemine vos factures (schéma 0225)&#xa0;: votre SIREN, sauf si votre plateforme vous en a attribué une autre.</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>TVA</translation>
    </message>
    <message>
        <source>Electronic invoicing</source>
        <translation>Facturation électronique</translation>
    </message>
    <message>
        <source>Validated invoices and credit notes are archived and e-mailed as Factur-X: a PDF/A-3 that people read as usual and that carries the invoice&apos;s data (XML, EN 16931 standard) for the client&apos;s software, as the French e-invoicing reform asks. Documents already validated keep their PDF.</source>
        <translation>Les factures et avoirs validés sont archivés et envoyés au format Factur-X&#xa0;: un PDF/A-3 qui se lit comme d’habitude et qui contient les données de la facture (XML, norme EN 16931) pour le logiciel du client, comme le demande la réforme de la facturation électronique. Les documents déjà validés gardent leur PDF.</translation>
    </message>
    <message>
        <source>Operations invoiced</source>
        <translation>Opérations facturées</translation>
    </message>
    <message>
        <source>Printed on invoices (a mention the reform requires) unless the invoice or the client says otherwise.</source>
        <translation>Imprimée sur les factures (mention obligatoire avec la réforme), sauf si la facture ou la fiche du client en indique une autre.</translation>
    </message>
    <message>
        <source>Bank details</source>
        <translation>Coordonnées bancaires</translation>
    </message>
    <message>
        <source>IBAN</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <source>BIC</source>
        <translation>BIC</translation>
    </message>
    <message>
        <source>Printed on invoices, for payment by bank transfer.</source>
        <translation>Imprimées sur les factures, pour le paiement par virement.</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Paiement</translation>
    </message>
    <message>
        <source>Payment terms</source>
        <translation>Conditions de paiement</translation>
    </message>
    <message>
        <source>Payment period</source>
        <translation>Délai de paiement</translation>
    </message>
</context>
<context>
    <name>LineTableModel</name>
    <message>
        <source>Description</source>
        <translation>Désignation</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantité</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unité</translation>
    </message>
    <message>
        <source>Unit price excl. VAT</source>
        <translation>Prix unitaire HT</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>TVA</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Remise</translation>
    </message>
    <message>
        <source>Total excl. VAT</source>
        <translation>Total HT</translation>
    </message>
    <message>
        <source>Enter starts a new line in the description; Tab goes to the next cell.</source>
        <translation>Entrée passe à la ligne dans la désignation&#x202f;; Tab passe à la cellule suivante.</translation>
    </message>
    <message>
        <source>VAT-exempt company (art. 293 B of the CGI): no VAT is charged.</source>
        <translation>Entreprise en franchise de TVA (art. 293 B du CGI)&#xa0;: aucune TVA n’est facturée.</translation>
    </message>
    <message>
        <source>Discount in percent of the line&apos;s amount (0 to 100).</source>
        <translation>Remise en pourcentage du montant de la ligne (0 à 100).</translation>
    </message>
</context>
<context>
    <name>LinesBox</name>
    <message>
        <source>Lines</source>
        <translation>Lignes</translation>
    </message>
    <message>
        <source>Add a line</source>
        <translation>Ajouter une ligne</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <source>From catalogue…</source>
        <translation>Depuis le catalogue…</translation>
    </message>
    <message>
        <source>Save line to catalogue</source>
        <translation>Enregistrer la ligne au catalogue</translation>
    </message>
    <message>
        <source>Add an empty line at the end</source>
        <translation>Ajouter une ligne vide à la fin</translation>
    </message>
    <message>
        <source>Remove the selected lines</source>
        <translation>Retirer les lignes sélectionnées</translation>
    </message>
    <message>
        <source>Add lines from the catalogue of products and services</source>
        <translation>Ajouter des lignes depuis le catalogue des produits et services</translation>
    </message>
    <message>
        <source>Keep the selected line in the catalogue (its first line of description names it) to reuse it in other documents</source>
        <translation>Conserver la ligne sélectionnée dans le catalogue (la première ligne de sa désignation lui donne son nom) pour la réutiliser dans d’autres documents</translation>
    </message>
    <message>
        <source>VAT-exempt company (art. 293 B of the CGI): no VAT is charged, every line is at 0 %.</source>
        <translation>Entreprise en franchise de TVA (art. 293 B du CGI)&#xa0;: aucune TVA n’est facturée, toutes les lignes sont à 0 %.</translation>
    </message>
    <message>
        <source>“{description}” is now in the catalogue.</source>
        <translation>«&#x202f;{description}&#x202f;» est maintenant dans le catalogue.</translation>
    </message>
</context>
<context>
    <name>MailTestWords</name>
    <message>
        <source>Signed in</source>
        <translation>Identification&#xa0;: réussie</translation>
    </message>
    <message>
        <source>Sign-in refused by the sending server</source>
        <translation>Identification refusée par le serveur d’envoi</translation>
    </message>
    <message>
        <source>The test message was not accepted</source>
        <translation>Le message d’essai n’a pas été accepté</translation>
    </message>
    <message>
        <source>Connected to the sending server {server}</source>
        <translation>Connexion au serveur d’envoi {server}&#xa0;: réussie</translation>
    </message>
    <message>
        <source>Test message sent to {address}</source>
        <translation>Message d’essai envoyé à {address}</translation>
    </message>
    <message>
        <source>Signed in to the IMAP server {server}</source>
        <translation>Connexion au serveur IMAP {server}&#xa0;: réussie</translation>
    </message>
    <message>
        <source>The message is in the folder “{folder}”</source>
        <translation>Le message est bien dans le dossier «&#x202f;{folder}&#x202f;»</translation>
    </message>
    <message>
        <source>No connection to the sending server {server}</source>
        <translation>Pas de connexion au serveur d’envoi {server}</translation>
    </message>
    <message>
        <source>No connection to the IMAP server {server}</source>
        <translation>Pas de connexion au serveur IMAP {server}</translation>
    </message>
    <message>
        <source>The message could not be filed in the Sent folder</source>
        <translation>Le message n’a pas pu être rangé dans le dossier Envoyés</translation>
    </message>
    <message>
        <source>Sign in to your mail account again (button “Sign in”).</source>
        <translation>Reconnectez-vous à votre compte de messagerie (bouton «&#x202f;Se connecter avec…&#x202f;»).</translation>
    </message>
    <message>
        <source>The IMAP server refuses the user name or the password. Check the IMAP user name; the password is the one used for sending.</source>
        <translation>Le serveur IMAP refuse l’identifiant ou le mot de passe. Vérifiez l’identifiant IMAP&#x202f;; le mot de passe est celui de l’envoi.</translation>
    </message>
    <message>
        <source>Type the mail password above, then test again.</source>
        <translation>Saisissez le mot de passe de messagerie ci-dessus, puis testez à nouveau.</translation>
    </message>
    <message>
        <source>Check the IMAP security and port: usually 993 with SSL/TLS, 143 with STARTTLS. If the server&apos;s certificate is not trusted, check its name.</source>
        <translation>Vérifiez la sécurité et le port IMAP&#xa0;: en général 993 avec SSL/TLS, 143 avec STARTTLS. Si le certificat du serveur n’est pas reconnu, vérifiez son nom.</translation>
    </message>
    <message>
        <source>Check the IMAP server&apos;s name and port, and the Internet connection. The messages are sent all the same; their copies wait.</source>
        <translation>Vérifiez le nom et le port du serveur IMAP, ainsi que la connexion Internet. Les messages partent quand même&#x202f;; leurs copies attendent.</translation>
    </message>
    <message>
        <source>The folder “{folder}” does not exist: correct its name, or leave “Sent folder” empty to find it automatically.</source>
        <translation>Le dossier «&#x202f;{folder}&#x202f;» n’existe pas&#xa0;: corrigez son nom, ou laissez «&#x202f;Dossier Envoyés&#x202f;» vide pour qu’il soit trouvé automatiquement.</translation>
    </message>
    <message>
        <source>Your provider did not file the message in “{folder}” yet: look for it in your mail program&apos;s Sent folder.</source>
        <translation>Votre fournisseur n’a pas encore rangé le message dans «&#x202f;{folder}&#x202f;»&#xa0;: cherchez-le dans le dossier Envoyés de votre logiciel de messagerie.</translation>
    </message>
    <message>
        <source>The test message was sent to {address}; check your inbox. The server answered: {reply}</source>
        <translation>Le message d’essai a été envoyé à {address}&#x202f;; vérifiez votre boîte de réception. Réponse du serveur&#xa0;: {reply}</translation>
    </message>
    <message>
        <source>No Sent folder was found: type its name in “Sent folder”.</source>
        <translation>Aucun dossier Envoyés n’a été trouvé&#xa0;: saisissez son nom dans «&#x202f;Dossier Envoyés&#x202f;».</translation>
    </message>
    <message>
        <source>The server refused to store the copy: your mailbox may be full.</source>
        <translation>Le serveur a refusé d’enregistrer la copie&#xa0;: votre boîte aux lettres est peut-être pleine.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Test en cours…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Facturier</source>
        <translation>Facturier</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Boîte d’envoi</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Relances</translation>
    </message>
    <message>
        <source>&amp;Document</source>
        <translation>&amp;Document</translation>
    </message>
    <message numerus="yes">
        <source>%n recurring invoice(s) created</source>
        <translation>
            <numerusform>%n facture récurrente créée</numerusform>
            <numerusform>%n factures récurrentes créées</numerusform>
        </translation>
    </message>
    <message>
        <source>Recurring invoices not created: {reason}</source>
        <translation>Factures récurrentes non créées&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Paramètres…</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <source>Export for the accountant…</source>
        <translation>Export comptable…</translation>
    </message>
    <message>
        <source>Send by e-mail</source>
        <translation>Envoi Webmail</translation>
    </message>
    <message>
        <source>E-mail the ticked documents to their clients (Ctrl+E)</source>
        <translation>Envoyer par e-mail les documents cochés à leurs clients (Ctrl+E)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>Send the ticked documents to their clients, by e-mail or through the platform (Ctrl+E)</source>
        <translation>Envoyer les documents cochés à leurs clients, par e-mail ou par la plateforme (Ctrl+E)</translation>
    </message>
    <message>
        <source>Shared database</source>
        <translation>Base partagée</translation>
    </message>
    <message>
        <source>{company} — shared database</source>
        <translation>{company} — base partagée</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>The database {path} is damaged and cannot be read. It was left untouched; restore a backup copy.</source>
        <translation>La base de données {path} est endommagée et illisible. Elle n’a pas été modifiée&#x202f;; restaurez une copie de sauvegarde.</translation>
    </message>
    <message>
        <source>The database {path} cannot be reached.</source>
        <translation>La base de données {path} est injoignable.</translation>
    </message>
    <message>
        <source>Messages are being sent already: try again when that sending is over.</source>
        <translation>Des messages sont déjà en cours d’envoi&#xa0;: réessayez quand cet envoi sera terminé.</translation>
    </message>
    <message>
        <source>A newer message for this document is already waiting in the outbox.</source>
        <translation>Un message plus récent pour ce document attend déjà dans la boîte d’envoi.</translation>
    </message>
    <message>
        <source>This message is being sent or was sent meanwhile: it can no longer be resent or removed.</source>
        <translation>Ce message est en cours d’envoi ou a été envoyé entre-temps&#xa0;: il ne peut plus être renvoyé ni retiré.</translation>
    </message>
    <message>
        <source>Something went wrong: {detail}</source>
        <translation>Une erreur est survenue&#xa0;: {detail}</translation>
    </message>
    <message>
        <source>The legal interest rate must be above 0 and below 100 %.</source>
        <translation>Le taux d’intérêt légal doit être supérieur à 0 et inférieur à 100&#xa0;%.</translation>
    </message>
    <message>
        <source>Type the legal interest rate as a number of percent (for example 2,76), or leave it empty for the program&apos;s default.</source>
        <translation>Saisissez le taux d’intérêt légal en pourcentage (par exemple 2,76), ou laissez-le vide pour la valeur par défaut du programme.</translation>
    </message>
    <message>
        <source>There can be at most {count} reminder levels.</source>
        <translation>Il peut y avoir au plus {count} niveaux de relance.</translation>
    </message>
    <message>
        <source>Keep at least one reminder level.</source>
        <translation>Gardez au moins un niveau de relance.</translation>
    </message>
    <message>
        <source>Reminder level {position}: {problem}</source>
        <translation>Niveau de relance {position}&#xa0;: {problem}</translation>
    </message>
    <message>
        <source>the name is too long (at most {limit} characters).</source>
        <translation>le nom est trop long (au plus {limit} caractères).</translation>
    </message>
    <message>
        <source>give the level a name.</source>
        <translation>donnez un nom au niveau.</translation>
    </message>
    <message>
        <source>counted from the due date, its delay must be longer than the previous level&apos;s, or it must be counted from the previous level.</source>
        <translation>compté à partir de l’échéance, son délai doit être plus long que celui du niveau précédent, sinon comptez-le à partir de la relance précédente.</translation>
    </message>
    <message>
        <source>the delay must be between 1 and {limit} days.</source>
        <translation>le délai doit être compris entre 1 et {limit} jours.</translation>
    </message>
    <message>
        <source>the payment deadline of the formal notice must be between 1 and 365 days.</source>
        <translation>le délai de paiement de la mise en demeure doit être compris entre 1 et 365 jours.</translation>
    </message>
    <message>
        <source>the subject is too long (at most {limit} characters).</source>
        <translation>l’objet est trop long (au plus {limit} caractères).</translation>
    </message>
    <message>
        <source>the subject must fit on one line, and each brace must be closed (write two braces to show one).</source>
        <translation>l’objet doit tenir sur une ligne et chaque accolade doit être fermée (écrivez-en deux pour en afficher une).</translation>
    </message>
    <message>
        <source>the message has a brace that is not closed (write two braces to show one).</source>
        <translation>le message contient une accolade non fermée (écrivez-en deux pour en afficher une).</translation>
    </message>
    <message>
        <source>Nothing was copied: in the table {table}, row {id} has a {column} of {length} characters, and the shared database allows at most {limit}. Shorten it, then copy again.</source>
        <translation>Rien n’a été copié&#xa0;: dans la table {table}, la ligne {id} a un champ {column} de {length} caractères, et la base partagée en permet {limit} au plus. Raccourcissez-le, puis recommencez la copie.</translation>
    </message>
    <message>
        <source>Nothing was copied: in the table {table}, row {id} holds a NUL character in {column}, which PostgreSQL cannot store. Correct it, then copy again.</source>
        <translation>Rien n’a été copié&#xa0;: dans la table {table}, la ligne {id} contient un caractère NUL dans {column}, que PostgreSQL ne peut pas enregistrer. Corrigez-la, puis recommencez la copie.</translation>
    </message>
    <message>
        <source>Nothing was copied: in the table {table}, row {id} has {value} in {column}, a number too large for the shared database. Correct it, then copy again.</source>
        <translation>Rien n’a été copié&#xa0;: dans la table {table}, la ligne {id} a la valeur {value} dans {column}, un nombre trop grand pour la base partagée. Corrigez-la, puis recommencez la copie.</translation>
    </message>
    <message>
        <source>Nothing was copied: the shared database refuses row {id} of the table {table} ({detail}).</source>
        <translation>Rien n’a été copié&#xa0;: la base partagée refuse la ligne {id} de la table {table} ({detail}).</translation>
    </message>
    <message>
        <source>The mail server {host} cannot accept a user name or password with accented characters; change the password at your mail provider.</source>
        <translation>Le serveur de messagerie {host} n’accepte pas d’identifiant ni de mot de passe avec des caractères accentués&#x202f;; changez le mot de passe chez votre fournisseur de messagerie.</translation>
    </message>
    <message>
        <source>The certificate file named by the FACTURIER_SMTP_CAFILE variable ({cafile}) cannot be used: correct that variable or remove it. Nothing was sent.</source>
        <translation>Le fichier de certificats indiqué par la variable FACTURIER_SMTP_CAFILE ({cafile}) est inutilisable&#xa0;: corrigez cette variable ou supprimez-la. Rien n’a été envoyé.</translation>
    </message>
    <message>
        <source>The secure connection to the mail server {host} failed: its certificate is not trusted or it does not offer encryption. Check the server name and security.</source>
        <translation>La connexion sécurisée au serveur de messagerie {host} a échoué&#xa0;: son certificat n’est pas reconnu ou il ne propose pas le chiffrement. Vérifiez le nom du serveur et la sécurité choisie.</translation>
    </message>
    <message>
        <source>The mail server {host} cannot be reached: check the Internet connection and the server&apos;s name and port.</source>
        <translation>Le serveur de messagerie {host} est injoignable&#xa0;: vérifiez la connexion Internet ainsi que le nom et le port du serveur.</translation>
    </message>
    <message>
        <source>The mail server is now {server} instead of {previous}. The password was entered for {previous}, and a password is only ever given to the server it was entered for: if this change is yours, enter the password again in the settings.</source>
        <translation>Le serveur de messagerie est maintenant {server} au lieu de {previous}. Le mot de passe a été saisi pour {previous}, et un mot de passe n’est jamais transmis à un autre serveur que celui pour lequel il a été saisi&#xa0;: si ce changement vient de vous, saisissez à nouveau le mot de passe dans les paramètres.</translation>
    </message>
    <message>
        <source>The mail password was stored by an earlier version of Facturier without the server it is for. So that it only goes to {server}, enter it again in the settings.</source>
        <translation>Le mot de passe de messagerie a été enregistré par une version précédente de Facturier sans le serveur auquel il est destiné. Pour qu’il ne soit transmis qu’à {server}, saisissez-le à nouveau dans les paramètres.</translation>
    </message>
    <message>
        <source>No password is stored for the mail account: enter it in the settings.</source>
        <translation>Aucun mot de passe n’est enregistré pour le compte de messagerie&#xa0;: saisissez-le dans les paramètres.</translation>
    </message>
    <message>
        <source>Unencrypted mail is only allowed to this computer, and never with a password: choose SSL or STARTTLS in the settings.</source>
        <translation>L’envoi non chiffré n’est permis que vers cet ordinateur, et jamais avec un mot de passe&#xa0;: choisissez SSL ou STARTTLS dans les paramètres.</translation>
    </message>
    <message>
        <source>The sender&apos;s address is not set: enter it in the settings.</source>
        <translation>L’adresse de l’expéditeur n’est pas renseignée&#xa0;: saisissez-la dans les paramètres.</translation>
    </message>
    <message>
        <source>an internal error ({name}); the details are in the log</source>
        <translation>une erreur interne ({name})&#x202f;; le détail est dans le journal</translation>
    </message>
</context>
<context>
    <name>OAuthMessages</name>
    <message>
        <source>the sign-in service cannot be reached</source>
        <translation>le service de connexion est injoignable</translation>
    </message>
    <message>
        <source>the {provider} sign-in expired</source>
        <translation>la connexion {provider} a expiré</translation>
    </message>
</context>
<context>
    <name>OAuthSignInBox</name>
    <message>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <source>Sign-in with Google or Microsoft is not available.</source>
        <translation>La connexion avec Google ou Microsoft n’est pas disponible.</translation>
    </message>
    <message>
        <source>Cancel sign-in</source>
        <translation>Annuler la connexion</translation>
    </message>
    <message>
        <source>Sign in to {provider} as {address} in your browser, then come back here. Waiting for the browser…</source>
        <translation>Connectez-vous à {provider} en tant que {address} dans votre navigateur, puis revenez ici. En attente du navigateur…</translation>
    </message>
    <message>
        <source>Sign-in cancelled.</source>
        <translation>Connexion annulée.</translation>
    </message>
    <message>
        <source>Sign in with Microsoft</source>
        <translation>Se connecter avec Microsoft</translation>
    </message>
    <message>
        <source>Sign in with Google</source>
        <translation>Se connecter avec Google</translation>
    </message>
    <message>
        <source>Enter the sender&apos;s address first.</source>
        <translation>Saisissez d’abord l’adresse de l’expéditeur.</translation>
    </message>
    <message>
        <source>Signed in as {address} with {provider}.</source>
        <translation>Connecté en tant que {address} avec {provider}.</translation>
    </message>
    <message>
        <source>Not signed in.</source>
        <translation>Non connecté.</translation>
    </message>
    <message>
        <source>Sign-in with {provider} is not configured in this copy of Facturier: whoever installed it must provide an OAuth2 client id ({variable}, or the file oauth_clients.json). Meanwhile, use an app password.</source>
        <translation>La connexion avec {provider} n’est pas configurée dans cette copie de Facturier&#xa0;: celui qui l’a installée doit fournir un identifiant client OAuth2 ({variable}, ou le fichier oauth_clients.json). En attendant, utilisez un mot de passe d’application.</translation>
    </message>
    <message>
        <source>The sign-in failed: {detail}</source>
        <translation>La connexion a échoué&#xa0;: {detail}</translation>
    </message>
    <message>
        <source>{provider} sign-in expired: sign in again with the button above.</source>
        <translation>Connexion {provider} expirée&#xa0;: reconnectez-vous avec le bouton ci-dessus.</translation>
    </message>
    <message>
        <source>{provider} cannot be reached: check the Internet connection, then try again.</source>
        <translation>{provider} est injoignable&#xa0;: vérifiez la connexion à Internet, puis réessayez.</translation>
    </message>
    <message>
        <source>The sign-in was refused in the browser. Nothing was changed.</source>
        <translation>La connexion a été refusée dans le navigateur. Rien n’a été modifié.</translation>
    </message>
    <message>
        <source>No answer came from the browser in time. Click the button to try again.</source>
        <translation>Le navigateur n’a pas répondu à temps. Cliquez sur le bouton pour réessayer.</translation>
    </message>
    <message>
        <source>No browser could be opened on this computer.</source>
        <translation>Aucun navigateur n’a pu être ouvert sur cet ordinateur.</translation>
    </message>
    <message>
        <source>The system keyring is not available: the sign-in could not be kept.</source>
        <translation>Le trousseau du système n’est pas disponible&#xa0;: la connexion n’a pas pu être conservée.</translation>
    </message>
    <message>
        <source>{provider} refused the sign-in ({detail}).</source>
        <translation>{provider} a refusé la connexion ({detail}).</translation>
    </message>
</context>
<context>
    <name>OutboxStatusButton</name>
    <message numerus="yes">
        <source>%n sent</source>
        <translation>
            <numerusform>%n envoyé</numerusform>
            <numerusform>%n envoyés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n refused</source>
        <translation>
            <numerusform>%n refusé</numerusform>
            <numerusform>%n refusés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with a refused address</source>
        <translation>
            <numerusform>%n avec une adresse refusée</numerusform>
            <numerusform>%n avec une adresse refusée</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n uncertain</source>
        <translation>
            <numerusform>%n incertain</numerusform>
            <numerusform>%n incertains</numerusform>
        </translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi en cours…</translation>
    </message>
    <message>
        <source>Messages are being sent.</source>
        <translation>Des messages sont en cours d’envoi.</translation>
    </message>
    <message numerus="yes">
        <source>%n for later (daily limit)</source>
        <translation>
            <numerusform>%n pour plus tard (limite quotidienne)</numerusform>
            <numerusform>%n pour plus tard (limite quotidienne)</numerusform>
        </translation>
    </message>
    <message>
        <source>Your mail provider&apos;s daily limit was reached: these messages leave on their own when it allows.</source>
        <translation>La limite quotidienne de votre fournisseur de messagerie est atteinte&#xa0;: ces messages partiront d’eux-mêmes dès qu’elle le permettra.</translation>
    </message>
    <message numerus="yes">
        <source>%n on hold</source>
        <translation>
            <numerusform>%n en pause</numerusform>
            <numerusform>%n en pause</numerusform>
        </translation>
    </message>
    <message>
        <source>Messages on hold leave only when you press “Resume sending” in the outbox.</source>
        <translation>Les messages en pause ne partent que lorsque vous cliquez sur «&#x202f;Reprendre l’envoi&#x202f;» dans la boîte d’envoi.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) waiting to be sent</source>
        <translation>
            <numerusform>%n message en attente d’envoi</numerusform>
            <numerusform>%n messages en attente d’envoi</numerusform>
        </translation>
    </message>
    <message>
        <source>Automatic retries are paused until the mail settings change; then press “Resume sending” in the outbox.</source>
        <translation>Les nouveaux essais automatiques sont suspendus jusqu’à la modification des réglages de messagerie&#x202f;; cliquez ensuite sur «&#x202f;Reprendre l’envoi&#x202f;» dans la boîte d’envoi.</translation>
    </message>
    <message>
        <source>The messages are on hold in the outbox. Check the mail settings, then press “Resume sending” in the outbox.</source>
        <translation>Les messages sont en pause dans la boîte d’envoi. Vérifiez les réglages de messagerie, puis cliquez sur «&#x202f;Reprendre l’envoi&#x202f;» dans la boîte d’envoi.</translation>
    </message>
    <message>
        <source>Mail server unreachable, next attempt at {time}</source>
        <translation>Serveur injoignable, nouvel essai à {time}</translation>
    </message>
    <message>
        <source>Mail server unreachable</source>
        <translation>Serveur injoignable</translation>
    </message>
    <message>
        <source>They will be sent on their own once the server answers.</source>
        <translation>Ils partiront d’eux-mêmes dès que le serveur répondra.</translation>
    </message>
    <message>
        <source>Check the mail settings</source>
        <translation>Vérifiez les réglages de messagerie</translation>
    </message>
    <message>
        <source>Sending… {done}/{total}</source>
        <translation>Envoi en cours… {done}/{total}</translation>
    </message>
    <message>
        <source>Mail server not set up</source>
        <translation>Serveur de messagerie non configuré</translation>
    </message>
    <message>
        <source>Set up the mail server in the settings to send them.</source>
        <translation>Configurez le serveur de messagerie dans les paramètres pour les envoyer.</translation>
    </message>
    <message>
        <source>automatic retries off</source>
        <translation>essais automatiques désactivés</translation>
    </message>
    <message>
        <source>Automatic retries are off in the settings: press “Resume sending” in the outbox to send the waiting messages.</source>
        <translation>Les nouveaux essais automatiques sont désactivés dans les paramètres&#xa0;: cliquez sur «&#x202f;Reprendre l’envoi&#x202f;» dans la boîte d’envoi pour envoyer les messages en attente.</translation>
    </message>
    <message>
        <source>next attempt at {time}</source>
        <translation>prochain essai à {time}</translation>
    </message>
    <message>
        <source>The mail server asked to try again later: these messages of your sending are retried on their own.</source>
        <translation>Le serveur de messagerie a demandé de réessayer plus tard&#xa0;: Facturier réessaiera automatiquement d’envoyer ces messages.</translation>
    </message>
    <message>
        <source>Click to open the outbox.</source>
        <translation>Cliquez pour ouvrir la boîte d’envoi.</translation>
    </message>
    <message>
        <source>Messages not sent</source>
        <translation>Messages non envoyés</translation>
    </message>
    <message>
        <source>Open the outbox</source>
        <translation>Ouvrir la boîte d’envoi</translation>
    </message>
</context>
<context>
    <name>OutboxTableModel</name>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Destinataires</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Essais</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Dernière erreur</translation>
    </message>
    <message>
        <source>Prepared on</source>
        <translation>Préparé le</translation>
    </message>
    <message>
        <source>How many times sending was tried</source>
        <translation>Nombre de tentatives d’envoi</translation>
    </message>
    <message>
        <source>address changed since preparation</source>
        <translation>adresse modifiée depuis la préparation</translation>
    </message>
    <message>
        <source>sending stopped by you</source>
        <translation>envoi arrêté par vous</translation>
    </message>
    <message>
        <source>prepared for later</source>
        <translation>préparé pour plus tard</translation>
    </message>
    <message>
        <source>settings refused by the server</source>
        <translation>réglages refusés par le serveur</translation>
    </message>
    <message>
        <source>your provider&apos;s daily limit</source>
        <translation>limite quotidienne de votre fournisseur</translation>
    </message>
    <message>
        <source>Daily limit: leaves at {time}</source>
        <translation>Limite quotidienne&#xa0;: part à {time}</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>On hold ({reason})</source>
        <translation>En pause ({reason})</translation>
    </message>
    <message>
        <source>Waiting: automatic retries off</source>
        <translation>En attente&#xa0;: essais automatiques désactivés</translation>
    </message>
    <message>
        <source>Waiting to retry</source>
        <translation>Nouvel essai prévu</translation>
    </message>
    <message>
        <source>Retry at {time}</source>
        <translation>Nouvel essai à {time}</translation>
    </message>
    <message>
        <source>Sent, an address refused</source>
        <translation>Envoyé, une adresse refusée</translation>
    </message>
    <message>
        <source>Sent, {count} addresses refused</source>
        <translation>Envoyé, {count} adresses refusées</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Being sent</source>
        <translation>En cours d’envoi</translation>
    </message>
    <message>
        <source>E-mailed</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>En échec</translation>
    </message>
    <message>
        <source>Uncertain</source>
        <translation>Incertain</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Reminder {level}: {numbers}</source>
        <translation>Relance {level}&#xa0;: {numbers}</translation>
    </message>
    <message>
        <source>Withdrawn before it left: the invoice is disputed.</source>
        <translation>Retirée avant l’envoi&#xa0;: la facture est en litige.</translation>
    </message>
    <message>
        <source>Withdrawn before it left: the invoice was paid.</source>
        <translation>Retirée avant l’envoi&#xa0;: la facture a été réglée.</translation>
    </message>
    <message>
        <source>Facturier stopped while the message was being sent: it may have been delivered.</source>
        <translation>Facturier s’est arrêté pendant l’envoi&#xa0;: le message a peut-être été distribué.</translation>
    </message>
    <message>
        <source>The connection was lost after the message was handed over: it may have been delivered.</source>
        <translation>La connexion a été perdue après la transmission du message&#xa0;: il a peut-être été distribué.</translation>
    </message>
    <message>
        <source>Prepared for {addresses}; the client&apos;s addresses changed since.</source>
        <translation>Préparé pour {addresses}&#x202f;; les adresses du client ont changé depuis.</translation>
    </message>
    <message>
        <source>The mail server refused the mail settings: check them, then resume sending.</source>
        <translation>Le serveur de messagerie a refusé les paramètres de connexion&#xa0;: vérifiez-les, puis reprenez l’envoi.</translation>
    </message>
    <message>
        <source>The mail server could not be reached.</source>
        <translation>Le serveur de messagerie n’a pas pu être joint.</translation>
    </message>
    <message>
        <source>Previous attempt: {reason}</source>
        <translation>Essai précédent&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Copy in Sent: pending</source>
        <translation>Copie dans Envoyés&#xa0;: en attente</translation>
    </message>
    <message>
        <source>Copy in Sent: pending (last attempt: {reason})</source>
        <translation>Copie dans Envoyés&#xa0;: en attente (dernier essai&#xa0;: {reason})</translation>
    </message>
    <message>
        <source>Copy in Sent failed: {reason}</source>
        <translation>Échec de la copie dans Envoyés&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>the IMAP server refuses the user name or password</source>
        <translation>le serveur IMAP refuse l’identifiant ou le mot de passe</translation>
    </message>
    <message>
        <source>sign in to the mail account again</source>
        <translation>reconnectez-vous au compte de messagerie</translation>
    </message>
    <message>
        <source>the secure connection to the IMAP server failed</source>
        <translation>la connexion sécurisée au serveur IMAP a échoué</translation>
    </message>
    <message>
        <source>the IMAP server cannot be reached</source>
        <translation>le serveur IMAP est injoignable</translation>
    </message>
    <message>
        <source>no password for the IMAP account</source>
        <translation>aucun mot de passe pour le compte IMAP</translation>
    </message>
    <message>
        <source>no Sent folder found</source>
        <translation>aucun dossier Envoyés trouvé</translation>
    </message>
    <message>
        <source>the folder named in the settings does not exist</source>
        <translation>le dossier indiqué dans les paramètres n’existe pas</translation>
    </message>
    <message>
        <source>the server refused to store it (mailbox full?)</source>
        <translation>le serveur a refusé de l’enregistrer (boîte pleine&#x202f;?)</translation>
    </message>
    <message>
        <source>unexpected error</source>
        <translation>erreur inattendue</translation>
    </message>
    <message>
        <source>Server reply for {address}: {reply}</source>
        <translation>Réponse du serveur pour {address}&#xa0;: {reply}</translation>
    </message>
    <message>
        <source>Server reply: {reply}</source>
        <translation>Réponse du serveur&#xa0;: {reply}</translation>
    </message>
    <message numerus="yes">
        <source>Tried %n time(s)</source>
        <translation>
            <numerusform>Envoi tenté %n fois</numerusform>
            <numerusform>Envoi tenté %n fois</numerusform>
        </translation>
    </message>
    <message>
        <source>The client&apos;s e-mail addresses changed since this message was prepared.</source>
        <translation>Les adresses e-mail du client ont changé depuis la préparation de ce message.</translation>
    </message>
    <message>
        <source>It is not sent as it is: choose “Prepare again” to send it to the new addresses, or “Send as is” to send it to the old ones.</source>
        <translation>Il n’est pas envoyé tel quel&#xa0;: choisissez «&#x202f;Préparer à nouveau&#x202f;» pour l’envoyer aux nouvelles adresses, ou «&#x202f;Envoyer tel quel&#x202f;» pour l’envoyer aux anciennes.</translation>
    </message>
    <message>
        <source>It leaves with the sending that queued it, or when you resume sending.</source>
        <translation>Il partira avec l’envoi qui l’a mis en file d’attente, ou quand vous reprendrez l’envoi.</translation>
    </message>
    <message>
        <source>Automatic retries are off (settings): it leaves when you resume sending.</source>
        <translation>Les nouveaux essais automatiques sont désactivés (paramètres)&#xa0;: il partira quand vous reprendrez l’envoi.</translation>
    </message>
    <message>
        <source>Next attempt at {time}.</source>
        <translation>Prochain essai à {time}.</translation>
    </message>
    <message>
        <source>The mail server asked to try again later.</source>
        <translation>Le serveur de messagerie a demandé de réessayer plus tard.</translation>
    </message>
    <message>
        <source>Being sent now, by this window or another workstation.</source>
        <translation>En cours d’envoi, par cette fenêtre ou un autre poste.</translation>
    </message>
    <message>
        <source>The mail server refused every address of the client.</source>
        <translation>Le serveur de messagerie a refusé toutes les adresses du client.</translation>
    </message>
    <message>
        <source>Nothing was delivered to the client.</source>
        <translation>Rien n’a été remis au client.</translation>
    </message>
    <message>
        <source>Fix the addresses in the client&apos;s record, then choose “Resend”.</source>
        <translation>Corrigez les adresses dans la fiche du client, puis choisissez «&#x202f;Renvoyer&#x202f;».</translation>
    </message>
    <message>
        <source>The mail server refused this message: it will not be retried.</source>
        <translation>Le serveur de messagerie a refusé ce message&#xa0;: il n’y aura pas de nouvel essai.</translation>
    </message>
    <message>
        <source>Fix the cause (the address, for example), then choose “Resend”.</source>
        <translation>Corrigez la cause (l’adresse, par exemple), puis choisissez «&#x202f;Renvoyer&#x202f;».</translation>
    </message>
    <message>
        <source>The connection was lost after the message was handed over to the mail server: nobody knows whether it was delivered.</source>
        <translation>La connexion a été perdue après la transmission du message au serveur de messagerie&#xa0;: impossible de savoir s’il a été distribué.</translation>
    </message>
    <message>
        <source>Check with the client before choosing “Resend”: they may receive it twice.</source>
        <translation>Vérifiez auprès du client avant de choisir «&#x202f;Renvoyer&#x202f;»&#xa0;: il risque de le recevoir deux fois.</translation>
    </message>
    <message>
        <source>Delivered to: {addresses}</source>
        <translation>Remis à&#xa0;: {addresses}</translation>
    </message>
    <message>
        <source>Check the refused addresses in the client&apos;s record.</source>
        <translation>Vérifiez les adresses refusées dans la fiche du client.</translation>
    </message>
    <message>
        <source>To: {addresses}</source>
        <translation>À&#xa0;: {addresses}</translation>
    </message>
    <message>
        <source>Cc: {addresses}</source>
        <translation>Cc&#xa0;: {addresses}</translation>
    </message>
    <message>
        <source>Bcc: {addresses}</source>
        <translation>Cci&#xa0;: {addresses}</translation>
    </message>
    <message>
        <source>Accountant&apos;s copy refused: {refusal}</source>
        <translation>Copie à l’expert-comptable refusée&#xa0;: {refusal}</translation>
    </message>
    <message>
        <source>Accountant&apos;s copy: {address}</source>
        <translation>Copie à l’expert-comptable&#xa0;: {address}</translation>
    </message>
    <message>
        <source>Subject: {subject}</source>
        <translation>Objet&#xa0;: {subject}</translation>
    </message>
    <message>
        <source>Message-ID: {id}</source>
        <translation>Message-ID&#xa0;: {id}</translation>
    </message>
    <message>
        <source>Prepared on {date} at {time}</source>
        <translation>Préparé le {date} à {time}</translation>
    </message>
    <message>
        <source>On hold since {date} at {time}.</source>
        <translation>En pause depuis le {date} à {time}.</translation>
    </message>
    <message>
        <source>Waiting in the outbox since {date} at {time}.</source>
        <translation>En attente dans la boîte d’envoi depuis le {date} à {time}.</translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <source>Send now</source>
        <translation>Envoyer maintenant</translation>
    </message>
    <message>
        <source>Prepare again</source>
        <translation>Préparer à nouveau</translation>
    </message>
    <message>
        <source>Send as is</source>
        <translation>Envoyer tel quel</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>Renvoyer</translation>
    </message>
    <message>
        <source>Remove from the queue</source>
        <translation>Retirer de la file d’attente</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Boîte d’envoi</translation>
    </message>
    <message>
        <source>Prepared e-mails that have not left yet, and those that need your decision.</source>
        <translation>Les e-mails préparés qui ne sont pas encore partis, et ceux qui attendent votre décision.</translation>
    </message>
    <message>
        <source>Resume sending</source>
        <translation>Reprendre l’envoi</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Afficher&#xa0;:</translation>
    </message>
    <message>
        <source>Which messages to show</source>
        <translation>Messages à afficher</translation>
    </message>
    <message>
        <source>Messages in the outbox</source>
        <translation>Messages de la boîte d’envoi</translation>
    </message>
    <message>
        <source>Outbox empty</source>
        <translation>Boîte d’envoi vide</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) in the outbox</source>
        <translation>
            <numerusform>%n message dans la boîte d’envoi</numerusform>
            <numerusform>%n messages dans la boîte d’envoi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n en attente</numerusform>
            <numerusform>%n en attente</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed or uncertain</source>
        <translation>
            <numerusform>%n en échec ou incertain</numerusform>
            <numerusform>%n en échec ou incertains</numerusform>
        </translation>
    </message>
    <message>
        <source>The outbox is empty: every prepared message has left.</source>
        <translation>La boîte d’envoi est vide&#xa0;: tous les messages préparés sont partis.</translation>
    </message>
    <message>
        <source>No message is waiting to be sent.</source>
        <translation>Aucun message en attente d’envoi.</translation>
    </message>
    <message>
        <source>Send the selected waiting messages now</source>
        <translation>Envoyer maintenant les messages en attente sélectionnés</translation>
    </message>
    <message>
        <source>Send every waiting message now</source>
        <translation>Envoyer maintenant tous les messages en attente</translation>
    </message>
    <message>
        <source>An unexpected error occurred: {error}</source>
        <translation>Une erreur inattendue s’est produite&#xa0;: {error}</translation>
    </message>
    <message>
        <source>All messages ({count})</source>
        <translation>Tous les messages ({count})</translation>
    </message>
    <message>
        <source>Waiting or on hold ({count})</source>
        <translation>En attente ou en pause ({count})</translation>
    </message>
    <message>
        <source>Failed, refused or uncertain ({count})</source>
        <translation>En échec, refusés ou incertains ({count})</translation>
    </message>
    <message numerus="yes">
        <source>%n on hold</source>
        <translation>
            <numerusform>%n en pause</numerusform>
            <numerusform>%n en pause</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with a refused address</source>
        <translation>
            <numerusform>%n avec une adresse refusée</numerusform>
            <numerusform>%n avec une adresse refusée</numerusform>
        </translation>
    </message>
    <message>
        <source>No failed, refused or uncertain message.</source>
        <translation>Aucun message en échec, refusé ou incertain.</translation>
    </message>
    <message>
        <source>Send the messages on hold and those waiting, now. Messages whose client&apos;s addresses changed are not sent: prepare them again or send them as they are.</source>
        <translation>Envoyer maintenant les messages en pause et ceux en attente. Les messages dont les adresses du client ont changé ne sont pas envoyés&#xa0;: préparez-les à nouveau ou envoyez-les tels quels.</translation>
    </message>
    <message>
        <source>Send the selected failed or uncertain messages again (same Message-ID)</source>
        <translation>Renvoyer les messages en échec ou incertains sélectionnés (même Message-ID)</translation>
    </message>
    <message>
        <source>Take the selected messages out of the outbox: they will not be sent</source>
        <translation>Retirer les messages sélectionnés de la boîte d’envoi&#xa0;: ils ne seront pas envoyés</translation>
    </message>
    <message>
        <source>Make the message again for the client&apos;s current addresses (it waits on hold until you resume sending)</source>
        <translation>Refaire le message pour les adresses actuelles du client (il reste en pause jusqu’à ce que vous repreniez l’envoi)</translation>
    </message>
    <message>
        <source>Send the message to the addresses it was prepared for, now</source>
        <translation>Envoyer maintenant le message aux adresses pour lesquelles il a été préparé</translation>
    </message>
    <message>
        <source>The mail server is not set up yet: enter it in the settings, then send again.</source>
        <translation>Le serveur de messagerie n’est pas encore configuré&#xa0;: renseignez-le dans les paramètres, puis relancez l’envoi.</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) prepared again for the client&apos;s current addresses: on hold until you resume sending.</source>
        <translation>
            <numerusform>%n message préparé à nouveau pour les adresses actuelles du client&#xa0;: en pause jusqu’à ce que vous repreniez l’envoi.</numerusform>
            <numerusform>%n messages préparés à nouveau pour les adresses actuelles des clients&#xa0;: en pause jusqu’à ce que vous repreniez l’envoi.</numerusform>
        </translation>
    </message>
    <message>
        <source>Resend uncertain messages?</source>
        <translation>Renvoyer des messages incertains&#x202f;?</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) may already have been delivered: the connection was lost after the mail server received it.</source>
        <translation>
            <numerusform>%n message a peut-être déjà été distribué&#xa0;: la connexion a été perdue après sa réception par le serveur de messagerie.</numerusform>
            <numerusform>%n messages ont peut-être déjà été distribués&#xa0;: la connexion a été perdue après leur réception par le serveur de messagerie.</numerusform>
        </translation>
    </message>
    <message>
        <source>If the server did deliver it, the client will receive it twice. The same Message-ID is used again, so many mail programs show only one copy. When in doubt, ask the client first.

Documents: {numbers}</source>
        <translation>Si le serveur l’a bien distribué, le client le recevra deux fois. Le même Message-ID est réutilisé, ce qui permet à beaucoup de messageries de n’afficher qu’un exemplaire. En cas de doute, demandez d’abord au client.

Documents&#xa0;: {numbers}</translation>
    </message>
    <message>
        <source>Remove from the queue?</source>
        <translation>Retirer de la file d’attente&#x202f;?</translation>
    </message>
    <message numerus="yes">
        <source>Remove %n message(s) from the outbox?</source>
        <translation>
            <numerusform>Retirer %n message de la boîte d’envoi&#x202f;?</numerusform>
            <numerusform>Retirer %n messages de la boîte d’envoi&#x202f;?</numerusform>
        </translation>
    </message>
    <message>
        <source>They will not be sent. The documents stay as they are: you can send them again from their report.

Documents: {numbers}</source>
        <translation>Ils ne seront pas envoyés. Les documents restent tels quels&#xa0;: vous pourrez les envoyer à nouveau depuis leur liste.

Documents&#xa0;: {numbers}</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) removed from the outbox.</source>
        <translation>
            <numerusform>%n message retiré de la boîte d’envoi.</numerusform>
            <numerusform>%n messages retirés de la boîte d’envoi.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PaymentsDialog</name>
    <message>
        <source>Payments – {number}</source>
        <translation>Paiements – {number}</translation>
    </message>
    <message>
        <source>Payments of invoice {number}</source>
        <translation>Paiements de la facture {number}</translation>
    </message>
    <message>
        <source>Total incl. VAT:</source>
        <translation>Total TTC&#xa0;:</translation>
    </message>
    <message>
        <source>Credit notes:</source>
        <translation>Avoirs&#xa0;:</translation>
    </message>
    <message>
        <source>Received:</source>
        <translation>Reçu&#xa0;:</translation>
    </message>
    <message>
        <source>Left to pay:</source>
        <translation>Reste à payer&#xa0;:</translation>
    </message>
    <message>
        <source>Payments received</source>
        <translation>Paiements reçus</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>No payment received yet.</source>
        <translation>Aucun paiement reçu pour l’instant.</translation>
    </message>
    <message>
        <source>&amp;Remove payment</source>
        <translation>&amp;Supprimer le paiement</translation>
    </message>
    <message>
        <source>Forget the selected payment (entered by mistake)</source>
        <translation>Supprimer le paiement sélectionné (saisi par erreur)</translation>
    </message>
    <message>
        <source>1 234,56</source>
        <translation>1 234,56</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>Virement</translation>
    </message>
    <message>
        <source>Cheque</source>
        <translation>Chèque</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Espèces</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Carte bancaire</translation>
    </message>
    <message>
        <source>Direct debit</source>
        <translation>Prélèvement</translation>
    </message>
    <message>
        <source>&amp;Add payment</source>
        <translation>&amp;Ajouter le paiement</translation>
    </message>
    <message>
        <source>Received on:</source>
        <translation>Reçu le&#xa0;:</translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation>Montant&#xa0;:</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>Mode de paiement&#xa0;:</translation>
    </message>
    <message>
        <source>New payment</source>
        <translation>Nouveau paiement</translation>
    </message>
    <message>
        <source>&amp;Paid in full</source>
        <translation>&amp;Payée en totalité</translation>
    </message>
    <message>
        <source>Record what is left to pay as one payment, with the date and method above</source>
        <translation>Enregistrer le reste à payer en un seul paiement, avec la date et le mode ci-dessus</translation>
    </message>
    <message>
        <source>“{text}” is not an amount: type it as 1 234,56.</source>
        <translation>«&#x202f;{text}&#x202f;» n’est pas un montant&#xa0;: saisissez-le sous la forme 1 234,56.</translation>
    </message>
    <message>
        <source>Remove the payment of {amount} received on {date}?</source>
        <translation>Supprimer le paiement de {amount} reçu le {date}&#x202f;?</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Paiements</translation>
    </message>
    <message>
        <source>The payment date is in the future: record a payment once it is received.</source>
        <translation>La date du paiement est dans le futur&#xa0;: enregistrez un paiement une fois qu’il est reçu.</translation>
    </message>
    <message>
        <source>This is more than what is left to pay ({left}): type at most that amount.</source>
        <translation>C’est plus que le reste à payer ({left})&#xa0;: saisissez au plus ce montant.</translation>
    </message>
    <message>
        <source>The amount must be above zero.</source>
        <translation>Le montant doit être supérieur à zéro.</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom arrière</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoom avant</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Pleine largeur</translation>
    </message>
    <message>
        <source>Show the whole width of the page</source>
        <translation>Afficher toute la largeur de la page</translation>
    </message>
    <message>
        <source>Loading the PDF…</source>
        <translation>Chargement du PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimer…</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Enregistrer sous…</translation>
    </message>
    <message>
        <source>Validate and send</source>
        <translation>Valider et envoyer</translation>
    </message>
    <message>
        <source>Validate the document, then open the sending of it.</source>
        <translation>Valider le document, puis ouvrir la fenêtre d’envoi.</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>brouillon</translation>
    </message>
    <message>
        <source>Preview – {name}</source>
        <translation>Aperçu – {name}</translation>
    </message>
    <message>
        <source>Draft: validating it gives its number and removes the watermark.</source>
        <translation>Brouillon&#xa0;: la validation lui donnera son numéro et retirera le filigrane.</translation>
    </message>
    <message>
        <source>The archived PDF: exactly what is e-mailed.</source>
        <translation>Le PDF archivé&#xa0;: exactement celui qui est envoyé par e-mail.</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>Open the sending of this document.</source>
        <translation>Ouvrir la fenêtre d’envoi de ce document.</translation>
    </message>
    <message>
        <source>The PDF cannot be shown: {error}</source>
        <translation>Le PDF ne peut pas être affiché&#xa0;: {error}</translation>
    </message>
    <message>
        <source>This PDF is damaged and cannot be shown.</source>
        <translation>Ce PDF est endommagé et ne peut pas être affiché.</translation>
    </message>
    <message>
        <source>The archived PDF of {number} is missing or damaged: restore a backup copy of the database.</source>
        <translation>Le PDF archivé de {number} est manquant ou endommagé&#xa0;: restaurez une copie de sauvegarde de la base de données.</translation>
    </message>
    <message>
        <source>This document no longer exists.</source>
        <translation>Ce document n’existe plus.</translation>
    </message>
    <message>
        <source>{percent}%</source>
        <translation>{percent} %</translation>
    </message>
    <message>
        <source>Page {page} of {count}</source>
        <translation>Page {page} sur {count}</translation>
    </message>
    <message>
        <source>Save the PDF</source>
        <translation>Enregistrer le PDF</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <source>The PDF was not saved: {path} is a backup of the database. Choose another name.</source>
        <translation>Le PDF n’a pas été enregistré&#xa0;: {path} est une sauvegarde de la base de données. Choisissez un autre nom.</translation>
    </message>
    <message>
        <source>The PDF was not saved: {path} is the database or one of its files. Choose another name.</source>
        <translation>Le PDF n’a pas été enregistré&#xa0;: {path} est la base de données ou l’un de ses fichiers. Choisissez un autre nom.</translation>
    </message>
    <message>
        <source>The PDF could not be saved to {path}: the disk is full ({free} free in {folder}, {needed} needed). Free some space or choose another place.</source>
        <translation>Le PDF n’a pas pu être enregistré dans {path}&#xa0;: le disque est plein (il reste {free} dans {folder}, il faut {needed}). Libérez de la place ou choisissez un autre emplacement.</translation>
    </message>
    <message>
        <source>The PDF was not saved: {path} already exists. Choose it in the dialog to replace it, or choose another name.</source>
        <translation>Le PDF n’a pas été enregistré&#xa0;: {path} existe déjà. Choisissez-le dans la fenêtre d’enregistrement pour le remplacer, ou choisissez un autre nom.</translation>
    </message>
    <message>
        <source>the folder does not exist</source>
        <translation>le dossier n’existe pas</translation>
    </message>
    <message>
        <source>this is a folder or a special file, not a file</source>
        <translation>c’est un dossier ou un fichier spécial, pas un fichier</translation>
    </message>
    <message>
        <source>permission denied</source>
        <translation>accès refusé (droits insuffisants)</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>le disque est en lecture seule</translation>
    </message>
    <message>
        <source>The PDF could not be saved to {path}: {reason}</source>
        <translation>Le PDF n’a pas pu être enregistré dans {path}&#xa0;: {reason}</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>Enregistré dans {path}</translation>
    </message>
    <message>
        <source>Print {name}</source>
        <translation>Imprimer {name}</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>Impression…</translation>
    </message>
    <message>
        <source>Printing page {page}…</source>
        <translation>Impression de la page {page}…</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Envoyé à l’imprimante.</translation>
    </message>
    <message>
        <source>Printing cancelled.</source>
        <translation>Impression annulée.</translation>
    </message>
    <message>
        <source>The printer cannot be used: check that it is on and try again.</source>
        <translation>L’imprimante ne peut pas être utilisée&#xa0;: vérifiez qu’elle est allumée, puis réessayez.</translation>
    </message>
</context>
<context>
    <name>PlatformPage</name>
    <message>
        <source>An approved platform (plateforme agréée) carries electronic invoices between French businesses and reports what becomes of them (received, approved, paid…). From 1 September 2027, the invoices to your French business clients must go through it. E-mail stays for private persons, clients abroad, quotes and the other documents, and courtesy copies.</source>
        <translation>Une plateforme agréée transmet les factures électroniques entre entreprises françaises et indique ce qu’elles deviennent (reçue, approuvée, encaissée…). À partir du 1er septembre 2027, les factures à vos clients professionnels français doivent passer par elle. L’e-mail reste utilisé pour les particuliers, les clients à l’étranger, les devis et les autres documents, ainsi que pour les copies de courtoisie.</translation>
    </message>
    <message>
        <source>e.g. https://api.my-platform.fr/api/v1</source>
        <translation>par ex. https://api.ma-plateforme.fr/api/v1</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester</translation>
    </message>
    <message>
        <source>Approved e-invoicing platform</source>
        <translation>Plateforme agréée de facturation électronique</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>Adresse de l’API</translation>
    </message>
    <message>
        <source>Client id</source>
        <translation>Identifiant client</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>Secret client</translation>
    </message>
    <message>
        <source>Token address</source>
        <translation>Adresse du jeton</translation>
    </message>
    <message>
        <source>Your platform gives these values when you open an account for software (API access). Leave the token address empty unless it says otherwise.</source>
        <translation>Votre plateforme fournit ces valeurs lorsque vous ouvrez un accès API pour votre logiciel. Laissez l’adresse du jeton vide, sauf indication contraire.</translation>
    </message>
    <message>
        <source>the API address + /oauth/token</source>
        <translation>l’adresse de l’API + /oauth/token</translation>
    </message>
    <message>
        <source>default: {url}</source>
        <translation>par défaut&#xa0;: {url}</translation>
    </message>
    <message>
        <source>Type the API address and client id first</source>
        <translation>Saisissez d’abord l’adresse de l’API et l’identifiant client</translation>
    </message>
    <message>
        <source>Taken from {name}</source>
        <translation>Pris dans {name}</translation>
    </message>
    <message>
        <source>Stored in the keyring: type to replace it</source>
        <translation>Enregistré dans le trousseau&#xa0;: saisissez-le pour le remplacer</translation>
    </message>
    <message>
        <source>Not stored yet</source>
        <translation>Pas encore enregistré</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Test en cours…</translation>
    </message>
    <message>
        <source>Connecting to the platform {url}…</source>
        <translation>Connexion à la plateforme {url}…</translation>
    </message>
</context>
<context>
    <name>PlatformPoller</name>
    <message>
        <source>E-invoicing platform not reached: {reason}</source>
        <translation>Plateforme de facturation électronique injoignable&#xa0;: {reason}</translation>
    </message>
</context>
<context>
    <name>PlatformTexts</name>
    <message>
        <source>Connection successful: the platform answers and accepts your client id. Type your SIREN on the Legal mentions tab to check your registration in the directory.</source>
        <translation>Connexion réussie&#xa0;: la plateforme répond et accepte votre identifiant client. Saisissez votre SIREN dans l’onglet Mentions légales pour vérifier votre inscription à l’annuaire.</translation>
    </message>
    <message>
        <source>Connection successful: the platform answers; your SIREN {siren} is registered in the directory ({name}).</source>
        <translation>Connexion réussie&#xa0;: la plateforme répond&#x202f;; votre SIREN {siren} est inscrit à l’annuaire ({name}).</translation>
    </message>
    <message>
        <source>Connection successful: the platform answers; your SIREN {siren} is registered in the directory.</source>
        <translation>Connexion réussie&#xa0;: la plateforme répond&#x202f;; votre SIREN {siren} est inscrit à l’annuaire.</translation>
    </message>
    <message>
        <source>Connection successful: the platform answers, but your SIREN {siren} is not registered in the directory yet: ask your platform to register it.</source>
        <translation>Connexion réussie&#xa0;: la plateforme répond, mais votre SIREN {siren} n’est pas encore inscrit à l’annuaire&#xa0;: demandez à votre plateforme de l’inscrire.</translation>
    </message>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>Un problème est survenu&#xa0;: {error}</translation>
    </message>
    <message>
        <source>The platform&apos;s address must begin with https:// (the connection is always encrypted).</source>
        <translation>L’adresse de la plateforme doit commencer par https:// (la connexion est toujours chiffrée).</translation>
    </message>
    <message>
        <source>Type the platform&apos;s API address and your client id first.</source>
        <translation>Saisissez d’abord l’adresse de l’API de la plateforme et votre identifiant client.</translation>
    </message>
    <message>
        <source>No client secret is stored for this client id: type it in “Client secret”.</source>
        <translation>Aucun secret client n’est enregistré pour cet identifiant&#xa0;: saisissez-le dans «&#x202f;Secret client&#x202f;».</translation>
    </message>
    <message>
        <source>The platform cannot be reached at {url}: check its address and the Internet connection.</source>
        <translation>La plateforme est injoignable à l’adresse {url}&#xa0;: vérifiez l’adresse et la connexion Internet.</translation>
    </message>
    <message>
        <source>The extra certificate file {file} cannot be read.</source>
        <translation>Le fichier de certificats supplémentaire {file} ne peut pas être lu.</translation>
    </message>
    <message>
        <source>The secure connection to {url} failed: its certificate is not trusted. Check the address; the connection was stopped to protect your secret.</source>
        <translation>La connexion sécurisée à {url} a échoué&#xa0;: son certificat n’est pas reconnu. Vérifiez l’adresse&#x202f;; la connexion a été interrompue pour protéger votre secret.</translation>
    </message>
    <message>
        <source>The platform refuses your client id or secret: check them in your platform account (the secret may have been renewed).</source>
        <translation>La plateforme refuse votre identifiant client ou votre secret&#xa0;: vérifiez-les dans votre compte sur la plateforme (le secret a peut-être été renouvelé).</translation>
    </message>
    <message>
        <source>The platform is busy or under maintenance: try again in {seconds} s.</source>
        <translation>La plateforme est occupée ou en maintenance&#xa0;: réessayez dans {seconds} s.</translation>
    </message>
    <message>
        <source>The platform is busy or under maintenance: try again in a few minutes.</source>
        <translation>La plateforme est occupée ou en maintenance&#xa0;: réessayez dans quelques minutes.</translation>
    </message>
    <message>
        <source>The platform stopped answering during the test: try again.</source>
        <translation>La plateforme a cessé de répondre pendant le test&#xa0;: réessayez.</translation>
    </message>
    <message>
        <source>The address answers, but not like an approved platform: check the API address (it usually ends with /api/v1).</source>
        <translation>L’adresse répond, mais pas comme une plateforme agréée&#xa0;: vérifiez l’adresse de l’API (elle se termine souvent par /api/v1).</translation>
    </message>
    <message>
        <source>Deposited</source>
        <translation>Déposée</translation>
    </message>
    <message>
        <source>Issued by the platform</source>
        <translation>Émise par la plateforme</translation>
    </message>
    <message>
        <source>Received by the platform</source>
        <translation>Reçue par la plateforme</translation>
    </message>
    <message>
        <source>Made available</source>
        <translation>Mise à disposition</translation>
    </message>
    <message>
        <source>Taken in charge</source>
        <translation>Prise en charge</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Approuvée</translation>
    </message>
    <message>
        <source>Partly approved</source>
        <translation>Approuvée partiellement</translation>
    </message>
    <message>
        <source>Disputed</source>
        <translation>En litige</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspendue</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Complétée</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refusée</translation>
    </message>
    <message>
        <source>Payment sent</source>
        <translation>Paiement transmis</translation>
    </message>
    <message>
        <source>Cashed</source>
        <translation>Encaissée</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejetée</translation>
    </message>
    <message>
        <source>Status {code}</source>
        <translation>Statut {code}</translation>
    </message>
</context>
<context>
    <name>ProviderBox</name>
    <message>
        <source>Mail provider</source>
        <translation>Fournisseur de messagerie</translation>
    </message>
    <message>
        <source>Detect from the address</source>
        <translation>Détecter d’après l’adresse</translation>
    </message>
    <message>
        <source>Fill in the settings of the sender address&apos;s provider</source>
        <translation>Remplir les réglages du fournisseur de l’adresse de l’expéditeur</translation>
    </message>
    <message>
        <source>The settings below are filled in from the sender address when its provider is known; you can change any of them.</source>
        <translation>Les réglages ci-dessous sont remplis d’après l’adresse de l’expéditeur quand son fournisseur est connu&#x202f;; vous pouvez tous les modifier.</translation>
    </message>
    <message>
        <source>Settings published by the domain {domain}</source>
        <translation>Réglages publiés par le domaine {domain}</translation>
    </message>
    <message>
        <source>Press “Detect from the address” to fill in the settings of the provider of {domain}.</source>
        <translation>Cliquez sur «&#x202f;Détecter d’après l’adresse&#x202f;» pour remplir les réglages du fournisseur de {domain}.</translation>
    </message>
    <message>
        <source>Provider: {provider}, recognised from the mail servers of {domain} (settings included with Facturier)</source>
        <translation>Fournisseur&#xa0;: {provider}, reconnu d’après les serveurs de messagerie de {domain} (réglages fournis avec Facturier)</translation>
    </message>
    <message>
        <source>Provider: {provider} (settings included with Facturier)</source>
        <translation>Fournisseur&#xa0;: {provider} (réglages fournis avec Facturier)</translation>
    </message>
    <message>
        <source>{provider} accepts only a sign-in with a {account} account (OAuth2), which this installation of Facturier is not set up for: ask whoever installed it to configure it.</source>
        <translation>{provider} n’accepte qu’une connexion avec un compte {account} (OAuth2), pour laquelle cette installation de Facturier n’est pas configurée&#xa0;: demandez à la personne qui a installé Facturier de la configurer.</translation>
    </message>
    <message>
        <source>{provider} requires an app password, not your usual password: &lt;a href=&quot;{url}&quot;&gt;create one on the provider&apos;s site&lt;/a&gt;, then type it in the Password field below.</source>
        <translation>{provider} demande un mot de passe d’application, pas votre mot de passe habituel&#xa0;: &lt;a href=&quot;{url}&quot;&gt;créez-en un sur le site du fournisseur&lt;/a&gt;, puis saisissez-le ci-dessous dans le champ «&#x202f;Mot de passe&#x202f;».</translation>
    </message>
    <message>
        <source>Looking for the settings of {domain}…</source>
        <translation>Recherche des réglages de {domain}…</translation>
    </message>
    <message>
        <source>No settings are known for {domain}: type them below (your provider&apos;s help pages give them).</source>
        <translation>Aucun réglage connu pour {domain}&#xa0;: saisissez-les ci-dessous (les pages d’aide de votre fournisseur les indiquent).</translation>
    </message>
    <message>
        <source>Type the sender address (Sender page): the settings of known providers are filled in for you.</source>
        <translation>Saisissez l’adresse de l’expéditeur (onglet Expéditeur)&#xa0;: les réglages des fournisseurs connus sont remplis pour vous.</translation>
    </message>
    <message>
        <source>Type a complete sender address first (Sender page).</source>
        <translation>Saisissez d’abord une adresse d’expéditeur complète (onglet Expéditeur).</translation>
    </message>
</context>
<context>
    <name>RecurrenceDialog</name>
    <message>
        <source>Recurrence – {number}</source>
        <translation>Récurrence – {number}</translation>
    </message>
    <message>
        <source>Make this invoice again every period, with its client, lines and payment terms, dated the day of the period. Facturier makes what is due when it starts, or with “facturier recurring run” from a scheduled task.</source>
        <translation>Refaire cette facture à chaque période, avec son client, ses lignes et ses conditions de paiement, datée du jour de la période. Facturier crée les factures prévues à son démarrage, ou avec «&#x202f;facturier recurring run&#x202f;» depuis une tâche planifiée.</translation>
    </message>
    <message>
        <source>Every month</source>
        <translation>Chaque mois</translation>
    </message>
    <message>
        <source>Every quarter</source>
        <translation>Chaque trimestre</translation>
    </message>
    <message>
        <source>Every year</source>
        <translation>Chaque année</translation>
    </message>
    <message>
        <source>Past the end of a shorter month: its last day</source>
        <translation>Si le mois est plus court&#xa0;: son dernier jour</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>Se termine le</translation>
    </message>
    <message>
        <source>Frequency:</source>
        <translation>Fréquence&#xa0;:</translation>
    </message>
    <message>
        <source>Day of the month:</source>
        <translation>Jour du mois&#xa0;:</translation>
    </message>
    <message>
        <source>Starts on:</source>
        <translation>Commence le&#xa0;:</translation>
    </message>
    <message>
        <source>End:</source>
        <translation>Fin&#xa0;:</translation>
    </message>
    <message>
        <source>Create a draft</source>
        <translation>Créer un brouillon</translation>
    </message>
    <message>
        <source>You check it, then validate and send it yourself</source>
        <translation>Vous la vérifiez, puis la validez et l’envoyez vous-même</translation>
    </message>
    <message>
        <source>Validate and prepare the sending</source>
        <translation>Valider et préparer l’envoi</translation>
    </message>
    <message>
        <source>Numbered and held in the outbox: it goes with the next batch you send</source>
        <translation>Numérotée et retenue dans la boîte d’envoi&#xa0;: elle part avec le prochain envoi groupé</translation>
    </message>
    <message>
        <source>Each invoice made</source>
        <translation>Chaque facture créée</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Chargement…</translation>
    </message>
    <message>
        <source>S&amp;top recurrence</source>
        <translation>&amp;Arrêter la récurrence</translation>
    </message>
    <message>
        <source>No more invoices from this one; those made stay</source>
        <translation>Plus aucune facture à partir de celle-ci&#x202f;; celles déjà créées sont conservées</translation>
    </message>
    <message>
        <source>This invoice does not recur yet.</source>
        <translation>Cette facture n’est pas encore récurrente.</translation>
    </message>
    <message numerus="yes">
        <source>%n invoice(s) made so far.</source>
        <translation>
            <numerusform>%n facture créée jusqu’ici.</numerusform>
            <numerusform>%n factures créées jusqu’ici.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped: no more invoices are made.</source>
        <translation>Arrêtée&#xa0;: plus aucune facture n’est créée.</translation>
    </message>
    <message>
        <source>Ended: the end date is passed.</source>
        <translation>Terminée&#xa0;: la date de fin est passée.</translation>
    </message>
    <message>
        <source>Next invoice: {date}.</source>
        <translation>Prochaine facture&#xa0;: {date}.</translation>
    </message>
    <message>
        <source>The start date is more than a year ago: that would make a year of invoices at once. Choose a later date.</source>
        <translation>La date de début remonte à plus d’un an&#xa0;: cela créerait d’un coup un an de factures. Choisissez une date plus récente.</translation>
    </message>
    <message>
        <source>The end date comes before the start date.</source>
        <translation>La date de fin précède la date de début.</translation>
    </message>
</context>
<context>
    <name>Reform</name>
    <message>
        <source>Delivery of goods</source>
        <translation>Livraison de biens</translation>
    </message>
    <message>
        <source>Provision of services</source>
        <translation>Prestation de services</translation>
    </message>
    <message>
        <source>Goods and services</source>
        <translation>Biens et services</translation>
    </message>
</context>
<context>
    <name>ReminderTableModel</name>
    <message>
        <source>Number</source>
        <translation>Numéro</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Days late</source>
        <translation>Retard (j)</translation>
    </message>
    <message>
        <source>Left to pay</source>
        <translation>Reste à payer</translation>
    </message>
    <message>
        <source>Level reached</source>
        <translation>Niveau atteint</translation>
    </message>
    <message>
        <source>Last reminder</source>
        <translation>Dernière relance</translation>
    </message>
    <message>
        <source>Next level</source>
        <translation>Niveau suivant</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Tick the invoices to remind (only those due now)</source>
        <translation>Cochez les factures à relancer (seulement celles dont la relance est due)</translation>
    </message>
    <message>
        <source>Level {number}</source>
        <translation>Niveau {number}</translation>
    </message>
    <message>
        <source>waiting in the outbox</source>
        <translation>en attente dans la boîte d’envoi</translation>
    </message>
    <message>
        <source>uncertain</source>
        <translation>incertain</translation>
    </message>
    <message>
        <source>{level} on {date}</source>
        <translation>{level} le {date}</translation>
    </message>
    <message>
        <source>Due now</source>
        <translation>À relancer</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Uncertain</source>
        <translation>Incertain</translation>
    </message>
    <message>
        <source>Every level sent</source>
        <translation>Toutes les relances envoyées</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Pas encore</translation>
    </message>
</context>
<context>
    <name>ReminderWords</name>
    <message>
        <source>Send the reminders</source>
        <translation>Envoyer les relances</translation>
    </message>
    <message>
        <source>Reading the overdue invoices…</source>
        <translation>Lecture des factures échues…</translation>
    </message>
    <message>
        <source>These reminders cannot be sent: their client has no e-mail address with “Mail” ticked. Double-click one to complete the client&apos;s record.</source>
        <translation>Ces relances ne peuvent pas être envoyées&#xa0;: leur client n’a pas d’adresse e-mail avec «&#x202f;Mail&#x202f;» coché. Double-cliquez sur l’une d’elles pour compléter la fiche du client.</translation>
    </message>
    <message>
        <source>Reminders without address</source>
        <translation>Relances sans adresse</translation>
    </message>
    <message numerus="yes">
        <source>%n reminder(s) to send.</source>
        <translation>
            <numerusform>%n relance à envoyer.</numerusform>
            <numerusform>%n relances à envoyer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sending %n reminder(s)…</source>
        <translation>
            <numerusform>Envoi de %n relance…</numerusform>
            <numerusform>Envoi de %n relances…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Preparing %n reminder(s)…</source>
        <translation>
            <numerusform>Préparation de %n relance…</numerusform>
            <numerusform>Préparation de %n relances…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Left out: %n invoice(s) whose reminder is already waiting in the outbox.</source>
        <translation>
            <numerusform>Laissée de côté&#xa0;: %n facture dont la relance attend déjà dans la boîte d’envoi.</numerusform>
            <numerusform>Laissées de côté&#xa0;: %n factures dont la relance attend déjà dans la boîte d’envoi.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RemindersPage</name>
    <message>
        <source>Reminder levels</source>
        <translation>Niveaux de relance</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <source>after the due date</source>
        <translation>de l’échéance</translation>
    </message>
    <message>
        <source>after the previous level</source>
        <translation>de la relance précédente</translation>
    </message>
    <message>
        <source>Attach the formal notice letter</source>
        <translation>Joindre la lettre de mise en demeure</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>The payment deadline the letter gives, counted from the day it is sent.</source>
        <translation>Le délai de paiement que donne la lettre, compté à partir du jour de l’envoi.</translation>
    </message>
    <message>
        <source>Attach the statement of account</source>
        <translation>Joindre le relevé de compte</translation>
    </message>
    <message>
        <source>Used to compute the late-payment penalties when your late-penalty rate (Legal mentions page) is empty or “three times the legal interest rate”. The rate changes each half-year (1 January and 1 July, published by the Banque de France): update it then. Empty: {rate}.</source>
        <translation>Sert au calcul des pénalités de retard lorsque votre taux de pénalités (onglet Mentions légales) est vide ou «&#x202f;trois fois le taux d’intérêt légal&#x202f;». Ce taux change chaque semestre (1er janvier et 1er juillet, publié par la Banque de France)&#xa0;: mettez-le à jour à ces dates. Vide&#xa0;: {rate}.</translation>
    </message>
    <message>
        <source>One reminder per invoice (instead of one per client)</source>
        <translation>Une relance par facture (au lieu d’une par client)</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Compté à partir</translation>
    </message>
    <message>
        <source>Delay (days)</source>
        <translation>Délai (jours)</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Insert</source>
        <translation>Insérer</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Payment deadline</source>
        <translation>Délai de paiement</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Pièces jointes</translation>
    </message>
    <message>
        <source>For all reminders</source>
        <translation>Pour toutes les relances</translation>
    </message>
    <message>
        <source>Legal interest rate in force</source>
        <translation>Taux d’intérêt légal en vigueur</translation>
    </message>
    <message>
        <source>{position}. {name} — previous + {days} d</source>
        <translation>{position}. {name} — précédente + {days}&#xa0;j</translation>
    </message>
    <message>
        <source>{position}. {name} — D+{days}</source>
        <translation>{position}. {name} — J+{days}</translation>
    </message>
    <message>
        <source>Reminder {number}</source>
        <translation>Relance {number}</translation>
    </message>
</context>
<context>
    <name>RemindersView</name>
    <message>
        <source>Tick all</source>
        <translation>Tout cocher</translation>
    </message>
    <message>
        <source>Send reminders</source>
        <translation>Envoyer les relances</translation>
    </message>
    <message>
        <source>E-mail a reminder for the ticked invoices</source>
        <translation>Envoyer par e-mail une relance pour les factures cochées</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Relances</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Afficher&#xa0;:</translation>
    </message>
    <message>
        <source>Show the reminders due now or every overdue invoice</source>
        <translation>Afficher les relances à faire ou toutes les factures échues</translation>
    </message>
    <message>
        <source>Reminders due now</source>
        <translation>Relances à faire</translation>
    </message>
    <message>
        <source>All overdue invoices</source>
        <translation>Toutes les factures échues</translation>
    </message>
    <message>
        <source>Overdue invoices and their reminders</source>
        <translation>Factures échues et leurs relances</translation>
    </message>
    <message>
        <source>Facturier</source>
        <translation>Facturier</translation>
    </message>
    <message>
        <source>Untick all</source>
        <translation>Tout décocher</translation>
    </message>
    <message>
        <source>Untick every invoice (Ctrl+Shift+A)</source>
        <translation>Décocher toutes les factures (Ctrl+Maj+A)</translation>
    </message>
    <message>
        <source>Tick every invoice whose reminder is due now (Ctrl+Shift+A)</source>
        <translation>Cocher toutes les factures à relancer maintenant (Ctrl+Maj+A)</translation>
    </message>
    <message numerus="yes">
        <source>%n overdue invoice(s)</source>
        <translation>
            <numerusform>%n facture échue</numerusform>
            <numerusform>%n factures échues</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to remind now</source>
        <translation>
            <numerusform>%n à relancer maintenant</numerusform>
            <numerusform>%n à relancer maintenant</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n invoice(s) ticked</source>
        <translation>
            <numerusform>%n facture cochée</numerusform>
            <numerusform>%n factures cochées</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>&amp;Information…</source>
        <translation>&amp;Informations…</translation>
    </message>
    <message>
        <source>Key facts and send history of the current document (Ctrl+I)</source>
        <translation>Informations et historique d’envoi du document sélectionné (Ctrl+I)</translation>
    </message>
    <message>
        <source>Tick all</source>
        <translation>Tout cocher</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Rapport</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Afficher&#xa0;:</translation>
    </message>
    <message>
        <source>Show sent or unsent documents</source>
        <translation>Afficher les documents envoyés ou non envoyés</translation>
    </message>
    <message>
        <source>All documents</source>
        <translation>Tous les documents</translation>
    </message>
    <message>
        <source>Sent documents</source>
        <translation>Documents envoyés</translation>
    </message>
    <message>
        <source>Unsent documents</source>
        <translation>Documents non envoyés</translation>
    </message>
    <message>
        <source>Uncertain sending</source>
        <translation>Envoi incertain</translation>
    </message>
    <message>
        <source>Failed sending</source>
        <translation>Envoi en échec</translation>
    </message>
    <message>
        <source>Show paid or unpaid invoices</source>
        <translation>Afficher les factures payées ou non</translation>
    </message>
    <message>
        <source>Paid or not</source>
        <translation>Payées ou non</translation>
    </message>
    <message>
        <source>Paid invoices</source>
        <translation>Payées</translation>
    </message>
    <message>
        <source>Unpaid invoices</source>
        <translation>Non payées</translation>
    </message>
    <message>
        <source>Overdue invoices</source>
        <translation>En retard de paiement</translation>
    </message>
    <message>
        <source>Number or client (Ctrl+F)</source>
        <translation>Numéro ou client (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Every document of this report</source>
        <translation>Tous les documents de ce rapport</translation>
    </message>
    <message>
        <source>Documents the client received by e-mail</source>
        <translation>Documents reçus par le client par e-mail</translation>
    </message>
    <message>
        <source>Documents not sent yet, leaving out those whose sending failed or is uncertain</source>
        <translation>Documents pas encore envoyés, hors ceux dont l’envoi a échoué ou est incertain</translation>
    </message>
    <message>
        <source>The connection was lost after the message was handed over: it may have arrived. Check with the client before sending again.</source>
        <translation>La connexion a été perdue après la remise du message&#xa0;: il est peut-être arrivé. Vérifiez auprès du client avant de le renvoyer.</translation>
    </message>
    <message>
        <source>The mail server refused the last message: correct the address or the settings, then resend it.</source>
        <translation>Le serveur de messagerie a refusé le dernier message&#xa0;: corrigez l’adresse ou les réglages, puis renvoyez-le.</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>This document no longer exists: it was deleted meanwhile.</source>
        <translation>Ce document n’existe plus&#xa0;: il a été supprimé entre-temps.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln document(s)</source>
        <translation>
            <numerusform>%Ln document</numerusform>
            <numerusform>%Ln documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln ticked</source>
        <translation>
            <numerusform>%Ln coché</numerusform>
            <numerusform>%Ln cochés</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln not shown by the filter)</source>
        <translation>
            <numerusform>(%Ln masqué par le filtre)</numerusform>
            <numerusform>(%Ln masqués par le filtre)</numerusform>
        </translation>
    </message>
    <message>
        <source>Facturier</source>
        <translation>Facturier</translation>
    </message>
    <message>
        <source>Untick all</source>
        <translation>Tout décocher</translation>
    </message>
    <message>
        <source>Untick every document shown (Ctrl+Shift+A)</source>
        <translation>Décocher tous les documents affichés (Ctrl+Maj+A)</translation>
    </message>
    <message>
        <source>Tick every document the filter shows (Ctrl+Shift+A)</source>
        <translation>Cocher tous les documents affichés par le filtre (Ctrl+Maj+A)</translation>
    </message>
    <message>
        <source>Untick</source>
        <translation>Décocher</translation>
    </message>
    <message>
        <source>Tick</source>
        <translation>Cocher</translation>
    </message>
</context>
<context>
    <name>SelfCheck</name>
    <message>
        <source>Self-check failed.</source>
        <translation>Échec de l’autovérification.</translation>
    </message>
    <message>
        <source>Self-check passed in {seconds} s.</source>
        <translation>Autovérification réussie en {seconds} s.</translation>
    </message>
    <message>
        <source>the French translation does not load</source>
        <translation>la traduction française ne se charge pas</translation>
    </message>
    <message>
        <source>platform {platform}, language {language}</source>
        <translation>plateforme {platform}, langue {language}</translation>
    </message>
    <message>
        <source>missing or empty: {path}</source>
        <translation>absent ou vide&#xa0;: {path}</translation>
    </message>
    <message>
        <source>{count} files found in {folder}</source>
        <translation>{count} fichiers trouvés dans {folder}</translation>
    </message>
    <message>
        <source>the schema is at revision {found} instead of {head}</source>
        <translation>le schéma est à la révision {found} au lieu de {head}</translation>
    </message>
    <message>
        <source>created and migrated to revision {head}</source>
        <translation>créée et mise à jour à la révision {head}</translation>
    </message>
    <message>
        <source>{clients} clients and {documents} documents</source>
        <translation>{clients} clients et {documents} documents</translation>
    </message>
    <message>
        <source>the main window did not show</source>
        <translation>la fenêtre principale ne s’est pas affichée</translation>
    </message>
    <message>
        <source>the invoice report shows no row</source>
        <translation>la liste des factures n’affiche aucune ligne</translation>
    </message>
    <message>
        <source>shown at {width}×{height}, {rows} invoices in the report</source>
        <translation>affichée en {width}×{height}, {rows} factures dans la liste</translation>
    </message>
    <message>
        <source>, {seconds} s after the program started</source>
        <translation>, {seconds} s après le lancement du programme</translation>
    </message>
    <message>
        <source>no validated invoice to print</source>
        <translation>aucune facture validée à imprimer</translation>
    </message>
    <message>
        <source>{number} did not render as a PDF</source>
        <translation>{number} n’a pas donné de PDF</translation>
    </message>
    <message>
        <source>{number} rendered and archived ({profile}, {size} bytes); preview: {pages} page(s)</source>
        <translation>{number} généré et archivé ({profile}, {size} octets)&#x202f;; aperçu&#xa0;: {pages} page(s)</translation>
    </message>
    <message>
        <source>no main window</source>
        <translation>pas de fenêtre principale</translation>
    </message>
</context>
<context>
    <name>SenderPage</name>
    <message>
        <source>e.g. contact@example.fr</source>
        <translation>ex. contact@exemple.fr</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>Copy (Cc)</source>
        <translation>Copie (Cc)</translation>
    </message>
    <message>
        <source>Blind copy (Bcc)</source>
        <translation>Copie cachée (Cci)</translation>
    </message>
    <message>
        <source>e.g. compta@cabinet.fr</source>
        <translation>ex. compta@cabinet.fr</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Expéditeur</translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation>Nom de l’expéditeur</translation>
    </message>
    <message>
        <source>Sender address *</source>
        <translation>Adresse de l’expéditeur *</translation>
    </message>
    <message>
        <source>Documents are e-mailed in your name, from this address; your clients&apos; replies come back to it.</source>
        <translation>Les documents sont envoyés en votre nom, depuis cette adresse&#x202f;; les réponses de vos clients y reviennent.</translation>
    </message>
    <message>
        <source>Your clients will see</source>
        <translation>Vos clients verront</translation>
    </message>
    <message>
        <source>Copy to myself</source>
        <translation>Copie à moi-même</translation>
    </message>
    <message>
        <source>Messages sent by Facturier do not appear in your mail program&apos;s Sent folder. A copy to the sender address keeps a trace of each one: visible to the client (Cc) or not (Bcc).</source>
        <translation>Les messages envoyés par Facturier n’apparaissent pas dans le dossier «&#x202f;Envoyés&#x202f;» de votre messagerie. Une copie à l’adresse de l’expéditeur garde une trace de chacun&#xa0;: visible du client (Cc) ou non (Cci).</translation>
    </message>
    <message>
        <source>Copy to the accountant</source>
        <translation>Copie à l’expert-comptable</translation>
    </message>
    <message>
        <source>Accountant&apos;s address</source>
        <translation>Adresse de l’expert-comptable</translation>
    </message>
    <message>
        <source>Each invoice and credit note sent by e-mail also goes to this address, in hidden copy: the client does not see it, and it never counts as delivered to the client. Quotes and reminders are not copied. Leave empty for no copy.</source>
        <translation>Chaque facture et chaque avoir envoyés par e-mail partent aussi à cette adresse, en copie cachée&#xa0;: le client ne la voit pas, et elle ne compte jamais comme une remise au client. Les devis et les relances ne sont pas copiés. Laissez vide pour ne pas envoyer de copie.</translation>
    </message>
    <message>
        <source>Empty: the company name ({name})</source>
        <translation>Vide&#xa0;: la raison sociale ({name})</translation>
    </message>
    <message>
        <source>Empty: the company name</source>
        <translation>Vide&#xa0;: la raison sociale</translation>
    </message>
    <message>
        <source>address</source>
        <translation>adresse</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <source>e.g. smtp.orange.fr</source>
        <translation>ex. smtp.orange.fr</translation>
    </message>
    <message>
        <source>SSL/TLS (usually port 465)</source>
        <translation>SSL/TLS (en général port 465)</translation>
    </message>
    <message>
        <source>STARTTLS (usually port 587)</source>
        <translation>STARTTLS (en général port 587)</translation>
    </message>
    <message>
        <source>None: unencrypted</source>
        <translation>Aucune&#xa0;: non chiffré</translation>
    </message>
    <message>
        <source>Allow an unencrypted connection to this server (not recommended)</source>
        <translation>Autoriser une connexion non chiffrée à ce serveur (déconseillé)</translation>
    </message>
    <message>
        <source>usually your e-mail address</source>
        <translation>en général votre adresse e-mail</translation>
    </message>
    <message>
        <source>Sign-in with Google or Microsoft (OAuth2)</source>
        <translation>Connexion avec Google ou Microsoft (OAuth2)</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Sans limite</translation>
    </message>
    <message>
        <source> per minute</source>
        <translation> par minute</translation>
    </message>
    <message>
        <source>Other provider</source>
        <translation>Autre fournisseur</translation>
    </message>
    <message>
        <source> messages a day</source>
        <translation> messages par jour</translation>
    </message>
    <message>
        <source>Messages: no daily limit</source>
        <translation>Messages&#xa0;: sans limite par jour</translation>
    </message>
    <message>
        <source> recipients a day</source>
        <translation> destinataires par jour</translation>
    </message>
    <message>
        <source>Recipients: no daily limit</source>
        <translation>Destinataires&#xa0;: sans limite par jour</translation>
    </message>
    <message>
        <source>Send a test message to myself</source>
        <translation>M’envoyer un message d’essai</translation>
    </message>
    <message>
        <source>Retry automatically when the mail server is unreachable or asks to try later</source>
        <translation>Réessayer automatiquement si le serveur de messagerie est injoignable ou demande de patienter</translation>
    </message>
    <message>
        <source> at once</source>
        <translation> à la fois</translation>
    </message>
    <message>
        <source>Messages go out over this many connections at once, within the pace above and never more than the provider allows.</source>
        <translation>Les messages sont envoyés par autant de connexions simultanées, dans la limite de la cadence ci-dessus et jamais au-delà de ce que le fournisseur autorise.</translation>
    </message>
    <message>
        <source>Send each message&apos;s commands together when the server allows it (faster)</source>
        <translation>Grouper les commandes de chaque message si le serveur le permet (plus rapide)</translation>
    </message>
    <message>
        <source>Mail server (SMTP)</source>
        <translation>Serveur d’envoi (SMTP)</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>Authentification</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Connexions</translation>
    </message>
    <message>
        <source>Mail providers block accounts that send too fast. Choose yours to apply its usual limits (approximate values), or type your own. Beyond the day&apos;s limit, the rest waits for the next day.</source>
        <translation>Les fournisseurs de messagerie bloquent les comptes qui envoient trop vite. Choisissez le vôtre pour appliquer ses limites habituelles (valeurs approximatives), ou saisissez les vôtres. Au-delà de la limite du jour, le reste attend le lendemain.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Test en cours…</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>{provider}: approx. {rate} per minute</source>
        <translation>{provider}&#xa0;: env. {rate} par minute</translation>
    </message>
    <message>
        <source>The password is kept in the system&apos;s keyring (password store), never in Facturier&apos;s database. Leave it empty to keep the stored one.</source>
        <translation>Le mot de passe est conservé dans le trousseau du système, jamais dans la base de Facturier. Laissez vide pour garder celui qui est enregistré.</translation>
    </message>
    <message>
        <source>Pace and retries</source>
        <translation>Cadence et nouveaux essais</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>Au plus</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>Par jour</translation>
    </message>
    <message>
        <source>Recipients per day</source>
        <translation>Destinataires par jour</translation>
    </message>
    <message>
        <source>Pace of a known provider</source>
        <translation>Cadence d’un fournisseur connu</translation>
    </message>
    <message>
        <source>Only the messages of a sending you started are retried, at growing intervals. Messages you stopped or prepared for later wait for “Resume sending” in the outbox.</source>
        <translation>Seuls les messages d’un envoi que vous avez lancé sont réessayés, à intervalles croissants. Les messages arrêtés ou préparés pour plus tard attendent «&#x202f;Reprendre l’envoi&#x202f;» dans la boîte d’envoi.</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Essai</translation>
    </message>
    <message>
        <source>Sends a short message from the sender address to itself with the settings shown here, saved or not.</source>
        <translation>Envoie un court message de l’adresse de l’expéditeur à elle-même, avec les réglages affichés ici, enregistrés ou non.</translation>
    </message>
    <message>
        <source>Stored in the keyring: type to replace it</source>
        <translation>Enregistré dans le trousseau&#xa0;: saisissez-en un autre pour le remplacer</translation>
    </message>
    <message>
        <source>Kept until Facturier closes: type to replace it</source>
        <translation>Conservé jusqu’à la fermeture de Facturier&#xa0;: saisissez-en un autre pour le remplacer</translation>
    </message>
    <message>
        <source>Taken from FACTURIER_SMTP_PASSWORD</source>
        <translation>Pris dans FACTURIER_SMTP_PASSWORD</translation>
    </message>
    <message>
        <source>Not stored yet</source>
        <translation>Pas encore enregistré</translation>
    </message>
    <message>
        <source>No user name: no login</source>
        <translation>Pas d’identifiant&#xa0;: pas de connexion authentifiée</translation>
    </message>
    <message>
        <source>No password store (keyring) is available on this computer: the password you type will be kept only until Facturier closes.</source>
        <translation>Aucun trousseau (gestionnaire de mots de passe) n’est disponible sur cet ordinateur&#xa0;: le mot de passe saisi ne sera conservé que jusqu’à la fermeture de Facturier.</translation>
    </message>
    <message>
        <source>The password is kept only until Facturier closes: no password store (keyring) is available on this computer.</source>
        <translation>Le mot de passe n’est conservé que jusqu’à la fermeture de Facturier&#xa0;: aucun trousseau n’est disponible sur cet ordinateur.</translation>
    </message>
    <message>
        <source>Connecting to {host}…</source>
        <translation>Connexion à {host}…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Société</translation>
    </message>
    <message>
        <source>Legal mentions</source>
        <translation>Mentions légales</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Expéditeur</translation>
    </message>
    <message>
        <source>Mail server</source>
        <translation>Serveur d’envoi</translation>
    </message>
    <message>
        <source>E-mail templates</source>
        <translation>Modèles d’e-mails</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Relances</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Plateforme</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>{page}: {problem}</source>
        <translation>{page}&#xa0;: {problem}</translation>
    </message>
    <message>
        <source>Correct the marked fields first: {problem}</source>
        <translation>Corrigez d’abord les champs signalés&#xa0;: {problem}</translation>
    </message>
    <message numerus="yes">
        <source>(and %n other problem(s))</source>
        <translation>
            <numerusform>(et %n autre problème)</numerusform>
            <numerusform>(et %n autres problèmes)</numerusform>
        </translation>
    </message>
    <message>
        <source>Password kept for this session only</source>
        <translation>Mot de passe conservé pour cette session seulement</translation>
    </message>
    <message>
        <source>No password store (keyring) is available on this computer, so the mail password is kept only until Facturier closes. You will have to type it again after the next start.</source>
        <translation>Aucun trousseau n’est disponible sur cet ordinateur&#xa0;: le mot de passe de messagerie n’est conservé que jusqu’à la fermeture de Facturier. Il faudra le saisir à nouveau après le prochain démarrage.</translation>
    </message>
    <message>
        <source>Save the changes to the settings?</source>
        <translation>Enregistrer les modifications des paramètres&#x202f;?</translation>
    </message>
    <message>
        <source>Wait until the test or the copy in progress is over.</source>
        <translation>Attendez la fin de l’essai ou de la copie en cours.</translation>
    </message>
</context>
<context>
    <name>SettingsTexts</name>
    <message>
        <source>Company name</source>
        <translation>Raison sociale</translation>
    </message>
    <message>
        <source>Legal form</source>
        <translation>Forme juridique</translation>
    </message>
    <message>
        <source>Share capital</source>
        <translation>Capital social</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>SIREN</source>
        <translation>SIREN</translation>
    </message>
    <message>
        <source>SIRET</source>
        <translation>SIRET</translation>
    </message>
    <message>
        <source>RCS registration</source>
        <translation>Immatriculation RCS</translation>
    </message>
    <message>
        <source>VAT number</source>
        <translation>N° de TVA</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Site web</translation>
    </message>
    <message>
        <source>IBAN</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <source>BIC</source>
        <translation>BIC</translation>
    </message>
    <message>
        <source>Payment terms</source>
        <translation>Conditions de paiement</translation>
    </message>
    <message>
        <source>Payment period</source>
        <translation>Délai de paiement</translation>
    </message>
    <message>
        <source>Late-payment penalties</source>
        <translation>Pénalités de retard</translation>
    </message>
    <message>
        <source>Late-penalty rate</source>
        <translation>Taux des pénalités de retard</translation>
    </message>
    <message>
        <source>Legal interest rate in force</source>
        <translation>Taux d’intérêt légal en vigueur</translation>
    </message>
    <message>
        <source>Early-payment discount</source>
        <translation>Escompte pour paiement anticipé</translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation>Nom de l’expéditeur</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>Adresse de l’expéditeur</translation>
    </message>
    <message>
        <source>Accountant&apos;s address</source>
        <translation>Adresse de l’expert-comptable</translation>
    </message>
    <message>
        <source>Mail server</source>
        <translation>Serveur d’envoi</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Pace</source>
        <translation>Cadence</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Connexions</translation>
    </message>
    <message>
        <source>Daily messages</source>
        <translation>Messages par jour</translation>
    </message>
    <message>
        <source>Daily recipients</source>
        <translation>Destinataires par jour</translation>
    </message>
    <message>
        <source>Sign-in method</source>
        <translation>Mode d’authentification</translation>
    </message>
    <message>
        <source>Automatic retries</source>
        <translation>Nouveaux essais automatiques</translation>
    </message>
    <message>
        <source>Platform API address</source>
        <translation>Adresse de l’API de la plateforme</translation>
    </message>
    <message>
        <source>Platform client id</source>
        <translation>Identifiant client de la plateforme</translation>
    </message>
    <message>
        <source>Platform token address</source>
        <translation>Adresse du jeton de la plateforme</translation>
    </message>
    <message>
        <source>{label} is required.</source>
        <translation>{label}&#xa0;: ce champ est obligatoire.</translation>
    </message>
    <message>
        <source>{label} is too long: {length} characters, at most {limit}.</source>
        <translation>{label}&#xa0;: texte trop long ({length} caractères, {limit} au plus).</translation>
    </message>
    <message>
        <source>{label} cannot contain line breaks or control characters.</source>
        <translation>{label}&#xa0;: ce champ ne peut pas contenir de retour à la ligne ni de caractère de contrôle.</translation>
    </message>
    <message>
        <source>{label} must begin with https:// followed by the server&apos;s name (for example https://api.my-platform.fr/api/v1).</source>
        <translation>{label} doit commencer par https:// suivi du nom du serveur (par exemple https://api.ma-plateforme.fr/api/v1).</translation>
    </message>
    <message>
        <source>{label} cannot be negative.</source>
        <translation>{label}&#xa0;: la valeur ne peut pas être négative.</translation>
    </message>
    <message>
        <source>Only PNG and JPEG images can be used as a logo (this file is {format}).</source>
        <translation>Seules les images PNG et JPEG peuvent servir de logo (ce fichier est au format {format}).</translation>
    </message>
    <message>
        <source>Unencrypted sending to {host} is refused: choose SSL or STARTTLS, or tick “Allow an unencrypted connection”.</source>
        <translation>L’envoi non chiffré vers {host} est refusé&#xa0;: choisissez SSL ou STARTTLS, ou cochez «&#x202f;Autoriser une connexion non chiffrée&#x202f;».</translation>
    </message>
    <message>
        <source>Something went wrong: {error}</source>
        <translation>Un problème est survenu&#xa0;: {error}</translation>
    </message>
    <message>
        <source>No password is stored for {user}: type it in the Password field.</source>
        <translation>Aucun mot de passe n’est enregistré pour {user}&#xa0;: saisissez-le dans le champ «&#x202f;Mot de passe&#x202f;».</translation>
    </message>
    <message>
        <source>The mail server let Facturier in but refused the test message. {reason}</source>
        <translation>Le serveur de messagerie a accepté la connexion mais refusé le message d’essai. {reason}</translation>
    </message>
    <message>
        <source>The copy does not match the original in: {tables}. Do not use the copy.</source>
        <translation>La copie ne correspond pas à l’original pour&#xa0;: {tables}. N’utilisez pas la copie.</translation>
    </message>
    <message>
        <source>The database “{name}” does not exist on the server: have it created (createdb), then try again.</source>
        <translation>La base «&#x202f;{name}&#x202f;» n’existe pas sur le serveur&#xa0;: faites-la créer (createdb), puis réessayez.</translation>
    </message>
    <message>
        <source>The database server {host} cannot be found: check its name.</source>
        <translation>Le serveur de base de données {host} est introuvable&#xa0;: vérifiez son nom.</translation>
    </message>
    <message>
        <source>The database server {host} refuses connections on port {port}: check the port and that PostgreSQL is running.</source>
        <translation>Le serveur de base de données {host} refuse les connexions sur le port {port}&#xa0;: vérifiez le port et que PostgreSQL est démarré.</translation>
    </message>
    <message>
        <source>The database server {host} does not answer: check its address and the network.</source>
        <translation>Le serveur de base de données {host} ne répond pas&#xa0;: vérifiez son adresse et le réseau.</translation>
    </message>
    <message>
        <source>The database server cannot be reached: {detail}</source>
        <translation>Le serveur de base de données est injoignable&#xa0;: {detail}</translation>
    </message>
    <message>
        <source>This IBAN is not valid: its check digits do not match. Copy it again from your bank details (RIB).</source>
        <translation>Cet IBAN n’est pas valide&#xa0;: sa clé de contrôle ne correspond pas. Recopiez-le depuis votre RIB.</translation>
    </message>
    <message>
        <source>An IBAN begins with two letters for the country and two check digits (in France: FR76 followed by 23 characters).</source>
        <translation>Un IBAN commence par deux lettres pour le pays et deux chiffres de contrôle (en France&#xa0;: FR76 suivi de 23 caractères).</translation>
    </message>
    <message>
        <source>A BIC has 8 or 11 letters and digits (for example BNPAFRPPXXX).</source>
        <translation>Un BIC compte 8 ou 11 lettres et chiffres (par exemple BNPAFRPPXXX).</translation>
    </message>
    <message>
        <source>The late-penalty rate must be above 0 and at most 100 %.</source>
        <translation>Le taux des pénalités de retard doit être supérieur à 0 et inférieur ou égal à 100&#xa0;%.</translation>
    </message>
    <message>
        <source>Type the late-penalty rate as a percentage (for example 10,5 %), or in words (for example “three times the legal interest rate”).</source>
        <translation>Indiquez le taux des pénalités de retard en pourcentage (par exemple 10,5&#xa0;%) ou en toutes lettres (par exemple «&#x202f;trois fois le taux d’intérêt légal&#x202f;»).</translation>
    </message>
    <message>
        <source>The port is a number between 1 and 65535.</source>
        <translation>Le port doit être un nombre compris entre 1 et 65535.</translation>
    </message>
    <message>
        <source>This file is too large for a logo (more than 10 MB).</source>
        <translation>Ce fichier est trop lourd pour un logo (plus de 10 Mo).</translation>
    </message>
    <message>
        <source>This image cannot be placed in a PDF. Save it again as PNG with your image editor, then choose it again.</source>
        <translation>Cette image ne peut pas être placée dans un PDF. Enregistrez-la à nouveau en PNG avec votre logiciel de retouche d’images, puis sélectionnez-la de nouveau.</translation>
    </message>
    <message>
        <source>This file cannot be read as an image: it may be damaged.</source>
        <translation>Ce fichier ne peut pas être lu comme une image&#xa0;: il est peut-être endommagé.</translation>
    </message>
    <message>
        <source>A user name and password are never sent without encryption: choose SSL or STARTTLS, or leave the user name empty.</source>
        <translation>Un identifiant et un mot de passe ne sont jamais envoyés sans chiffrement&#xa0;: choisissez SSL ou STARTTLS, ou laissez l’identifiant vide.</translation>
    </message>
    <message>
        <source>The subject must fit on one line: remove the line break.</source>
        <translation>L’objet doit tenir sur une ligne&#xa0;: retirez le retour à la ligne.</translation>
    </message>
    <message>
        <source>The subject has a “{” or “}” that is not closed. Write {{ or }} to show a brace.</source>
        <translation>L’objet contient une accolade «&#x202f;{&#x202f;» ou «&#x202f;}&#x202f;» non fermée. Écrivez {{ ou }} pour afficher une accolade.</translation>
    </message>
    <message>
        <source>The message has a “{” or “}” that is not closed. Write {{ or }} to show a brace.</source>
        <translation>Le message contient une accolade «&#x202f;{&#x202f;» ou «&#x202f;}&#x202f;» non fermée. Écrivez {{ ou }} pour afficher une accolade.</translation>
    </message>
    <message>
        <source>Use the buttons to insert a known one.</source>
        <translation>Utilisez les boutons pour insérer un champ connu.</translation>
    </message>
    <message>
        <source>The mail server refuses the password (or the user name). Check them; some providers (Gmail, Outlook) require an application password.</source>
        <translation>Le serveur de messagerie refuse le mot de passe (ou l’identifiant). Vérifiez-les&#x202f;; certains fournisseurs (Gmail, Outlook) exigent un mot de passe d’application.</translation>
    </message>
    <message>
        <source>Type the sender&apos;s address first (Sender page).</source>
        <translation>Saisissez d’abord l’adresse de l’expéditeur (onglet Expéditeur).</translation>
    </message>
    <message>
        <source>Type the mail server&apos;s name first.</source>
        <translation>Saisissez d’abord le nom du serveur d’envoi.</translation>
    </message>
    <message>
        <source>The mail server {host} offers no login that Facturier can use: choose SSL or STARTTLS.</source>
        <translation>Le serveur de messagerie {host} ne propose aucune authentification utilisable par Facturier&#xa0;: choisissez SSL ou STARTTLS.</translation>
    </message>
    <message>
        <source>The certificate of the mail server {host} is not trusted: the connection was stopped to protect your password. Check the server&apos;s name.</source>
        <translation>Le certificat du serveur de messagerie {host} n’est pas reconnu&#xa0;: la connexion a été interrompue pour protéger votre mot de passe. Vérifiez le nom du serveur.</translation>
    </message>
    <message>
        <source>The mail server {host} does not offer STARTTLS on port {port}: choose SSL (port 465).</source>
        <translation>Le serveur de messagerie {host} ne propose pas STARTTLS sur le port {port}&#xa0;: choisissez SSL (port 465).</translation>
    </message>
    <message>
        <source>The mail server {host} cannot be found: check its name and the Internet connection.</source>
        <translation>Le serveur de messagerie {host} est introuvable&#xa0;: vérifiez son nom et la connexion Internet.</translation>
    </message>
    <message>
        <source>The mail server {host} refuses connections on port {port}: check the port.</source>
        <translation>Le serveur de messagerie {host} refuse les connexions sur le port {port}&#xa0;: vérifiez le port.</translation>
    </message>
    <message>
        <source>The mail server {host} does not answer on port {port}: check the port and the Internet connection.</source>
        <translation>Le serveur de messagerie {host} ne répond pas sur le port {port}&#xa0;: vérifiez le port et la connexion Internet.</translation>
    </message>
    <message>
        <source>The secure connection to {host} on port {port} failed: the security does not match the port (SSL: usually 465, STARTTLS: 587).</source>
        <translation>La connexion sécurisée à {host} sur le port {port} a échoué&#xa0;: la sécurité ne correspond pas au port (SSL&#xa0;: en général 465, STARTTLS&#xa0;: 587).</translation>
    </message>
    <message>
        <source>The PostgreSQL driver (psycopg) is not installed with this Facturier.</source>
        <translation>Le pilote PostgreSQL (psycopg) ne fait pas partie de cette installation de Facturier.</translation>
    </message>
    <message>
        <source>This database already holds data: the copy is only made into an empty database. Nothing was copied.</source>
        <translation>Cette base contient déjà des données&#xa0;: la copie ne se fait que dans une base vide. Rien n’a été copié.</translation>
    </message>
    <message>
        <source>The database server refuses the user name or password.</source>
        <translation>Le serveur de base de données refuse l’identifiant ou le mot de passe.</translation>
    </message>
    <message>
        <source>The database server does not know this user name.</source>
        <translation>Le serveur de base de données ne connaît pas cet identifiant.</translation>
    </message>
    <message>
        <source>Unknown placeholder in the subject: {names}.</source>
        <translation>Champ inconnu dans l’objet&#xa0;: {names}.</translation>
    </message>
    <message>
        <source>Unknown placeholders in the subject: {names}.</source>
        <translation>Champs inconnus dans l’objet&#xa0;: {names}.</translation>
    </message>
    <message>
        <source>Unknown placeholder in the message: {names}.</source>
        <translation>Champ inconnu dans le message&#xa0;: {names}.</translation>
    </message>
    <message>
        <source>Unknown placeholders in the message: {names}.</source>
        <translation>Champs inconnus dans le message&#xa0;: {names}.</translation>
    </message>
    <message>
        <source>Unknown placeholder in the subject and the message: {names}.</source>
        <translation>Champ inconnu dans l’objet et le message&#xa0;: {names}.</translation>
    </message>
    <message>
        <source>Unknown placeholders in the subject and the message: {names}.</source>
        <translation>Champs inconnus dans l’objet et le message&#xa0;: {names}.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>New document (or new client)</source>
        <translation>Nouveau document (ou nouveau client)</translation>
    </message>
    <message>
        <source>Open the current document</source>
        <translation>Ouvrir le document sélectionné</translation>
    </message>
    <message>
        <source>Duplicate the current document</source>
        <translation>Dupliquer le document sélectionné</translation>
    </message>
    <message>
        <source>Preview the document&apos;s PDF</source>
        <translation>Aperçu du PDF du document</translation>
    </message>
    <message>
        <source>Tick or untick the selected rows</source>
        <translation>Cocher ou décocher les lignes sélectionnées</translation>
    </message>
    <message>
        <source>Tick or untick every row</source>
        <translation>Cocher ou décocher toutes les lignes</translation>
    </message>
    <message>
        <source>Send the ticked documents</source>
        <translation>Envoyer les documents cochés</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Document editor: add a line</source>
        <translation>Éditeur de document&#xa0;: ajouter une ligne</translation>
    </message>
    <message>
        <source>Document editor: validate</source>
        <translation>Éditeur de document&#xa0;: valider</translation>
    </message>
    <message>
        <source>Document editor: validate and send</source>
        <translation>Éditeur de document&#xa0;: valider et envoyer</translation>
    </message>
    <message>
        <source>Editor: save</source>
        <translation>Éditeur&#xa0;: enregistrer</translation>
    </message>
    <message>
        <source>Next field; in a table, leave it (the arrows move inside)</source>
        <translation>Champ suivant&#x202f;; dans un tableau, en sortir (les flèches permettent de s’y déplacer)</translation>
    </message>
    <message>
        <source>Close the dialog</source>
        <translation>Fermer la fenêtre</translation>
    </message>
    <message>
        <source>This sheet</source>
        <translation>Cette liste des raccourcis</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
</context>
<context>
    <name>SmtpReplies</name>
    <message>
        <source>No answer from the mail server.</source>
        <translation>Pas de réponse du serveur de messagerie.</translation>
    </message>
    <message>
        <source>{reason} ({addresses})</source>
        <translation>{reason} ({addresses})</translation>
    </message>
    <message>
        <source>{address}: {reason}</source>
        <translation>{address}&#xa0;: {reason}</translation>
    </message>
</context>
<context>
    <name>TemplatesPage</name>
    <message>
        <source>Document kind</source>
        <translation>Type de document</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Reset to default</source>
        <translation>Rétablir le modèle par défaut</translation>
    </message>
    <message>
        <source>Preview of the message</source>
        <translation>Aperçu du message</translation>
    </message>
    <message>
        <source>The preview appears once the template is correct.</source>
        <translation>L’aperçu s’affiche dès que le modèle est correct.</translation>
    </message>
    <message>
        <source>Insert {placeholder}</source>
        <translation>Insérer {placeholder}</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Insert</source>
        <translation>Insérer</translation>
    </message>
    <message>
        <source>Placeholders are replaced by each document&apos;s values when it is sent.</source>
        <translation>Les champs sont remplacés par les valeurs de chaque document au moment de l’envoi.</translation>
    </message>
    <message>
        <source>Preview (sample values)</source>
        <translation>Aperçu (valeurs d’exemple)</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>Objet&#xa0;:</translation>
    </message>
    <message>
        <source>(customised)</source>
        <translation>(personnalisé)</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <source>Total incl. VAT</source>
        <translation>Total TTC</translation>
    </message>
    <message>
        <source>Total excl. VAT</source>
        <translation>Total HT</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>TVA</translation>
    </message>
    <message>
        <source>VAT not applicable, art. 293 B of the CGI</source>
        <translation>TVA non applicable, art. 293 B du CGI</translation>
    </message>
    <message>
        <source>VAT {rate} on {base}</source>
        <translation>TVA {rate} sur {base}</translation>
    </message>
</context>
<context>
    <name>UnsavedChanges</name>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>If you don&apos;t save, your changes will be lost.</source>
        <translation>Si vous n’enregistrez pas, vos modifications seront perdues.</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Abandonner les modifications</translation>
    </message>
</context>
</TS>
