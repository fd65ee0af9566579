<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>ClientsView</name>
    <message numerus="yes">
        <source>%n client(s)</source>
        <translation>
            <numerusform>%n client</numerusform>
            <numerusform>%n clients</numerusform>
        </translation>
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
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>(draft)</source>
        <translation>(brouillon)</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <source>Validated</source>
        <translation>Validé</translation>
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
        <translation>Votre base de données est vide. Charger des données de démonstration (une entreprise, des clients et des documents d&apos;exemple) pour essayer le programme ? Vous pourrez repartir d&apos;un fichier vide plus tard.</translation>
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
        <source>Invoices</source>
        <translation>Factures</translation>
    </message>
    <message>
        <source>Quotes</source>
        <translation>Devis</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>Livraisons</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Boîte d&apos;envoi</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>{path} is not a Facturier database. It was left untouched.</source>
        <translation>{path} n&apos;est pas une base de données Facturier. Le fichier n&apos;a pas été modifié.</translation>
    </message>
    <message>
        <source>The database {path} is damaged and cannot be read. It was left untouched; restore a backup copy.</source>
        <translation>La base de données {path} est endommagée et illisible. Elle n&apos;a pas été modifiée ; restaurez une copie de sauvegarde.</translation>
    </message>
    <message>
        <source>The database {path} was made by a newer version of Facturier. Install that version or a newer one to open it. The file was left untouched.</source>
        <translation>La base de données {path} a été créée par une version plus récente de Facturier. Installez cette version ou une plus récente pour l&apos;ouvrir. Le fichier n&apos;a pas été modifié.</translation>
    </message>
    <message>
        <source>The database {path} cannot be written to (read-only file or folder). Check its permissions. Nothing was changed.</source>
        <translation>Impossible d&apos;écrire dans la base de données {path} (fichier ou dossier en lecture seule). Vérifiez ses droits d&apos;accès. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <source>The database {path} is in use by another program and stayed locked. Close the other program and try again. Nothing was changed.</source>
        <translation>La base de données {path} est utilisée par un autre programme et reste verrouillée. Fermez l&apos;autre programme puis réessayez. Rien n&apos;a été modifié.</translation>
    </message>
    <message>
        <source>The database {path} cannot be reached.</source>
        <translation>La base de données {path} est injoignable.</translation>
    </message>
    <message>
        <source>Something went wrong: {detail}</source>
        <translation>Une erreur est survenue : {detail}</translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <source>No message is waiting to be sent.</source>
        <translation>Aucun message en attente d&apos;envoi.</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message numerus="yes">
        <source>%n document(s)</source>
        <translation>
            <numerusform>%n document</numerusform>
            <numerusform>%n documents</numerusform>
        </translation>
    </message>
</context>
</TS>
