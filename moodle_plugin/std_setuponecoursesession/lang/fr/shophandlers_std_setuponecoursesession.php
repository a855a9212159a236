<?php
// This file is part of Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.
//
// Moodle is distributed in the hope that it will be useful,
// but WITHOUT ANY WARRANTY; without even the implied warranty of
// MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
// GNU General Public License for more details.
//
// You should have received a copy of the GNU General Public License
// along with Moodle.  If not, see <https://www.gnu.org/licenses/>.

/**
 * Chaînes en français.
 *
 * @package    shophandlers_std_setuponecoursesession
 * @copyright  2026 shopsetup contributors
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['accessnotresendable'] = 'L\'accès ne peut être renvoyé qu\'à un compte actif créé par cette commande et qui ne s\'est jamais connecté.';
$string['accessresend'] = 'Renvoyer l\'accès';
$string['accessresendlimit'] = 'Vous avez renvoyé l\'accès {$a} fois dans la dernière heure : réessayez plus tard.';
$string['accessresent'] = '{$a} recevra de nouveaux identifiants par courriel d\'ici quelques minutes (les tâches planifiées du site les envoient).';
$string['accessresenttoosoon'] = 'L\'accès a été renvoyé à cette personne il y a moins d\'une heure : réessayez après {$a}.';
$string['accountcreated'] = 'Créé par la commande';
$string['accountmatched'] = 'Compte existant';
$string['addbackground'] = 'Cette liste est longue : elle est ajoutée en arrière-plan, avec une page de progression que vous pouvez quitter et retrouver.';
$string['addbyform'] = 'Personnes, une par ligne';
$string['addbylist'] = 'Une liste (collée ou fichier CSV)';
$string['addconfirm'] = 'Ajouter {$a} personnes';
$string['addcountcreated'] = 'Comptes à créer : {$a}';
$string['addcountinvalid'] = 'Lignes invalides : {$a}';
$string['addcountmatched'] = 'Comptes existants, trouvés par leur courriel : {$a}';
$string['addcountmerged'] = 'Lignes fusionnées avec une autre (même personne et même rôle) : {$a}';
$string['addcountpresent'] = 'Déjà dans cette session : {$a}';
$string['addintro'] = 'Il reste {$a->free} des {$a->bought} places achetées. Nommez les personnes qui les prennent : l\'aperçu montre ce qui sera fait avant que rien ne soit écrit.';
$string['addinvalidcaption'] = 'Lignes invalides';
$string['addinvalidintro'] = 'Corrigez ces lignes, puis prévisualisez à nouveau : rien ne peut être ajouté tant qu\'une ligne est invalide.';
$string['addmorerows'] = '... et {$a} lignes de plus.';
$string['addnothing'] = 'Personne à ajouter : chaque personne de la liste a déjà une place dans cette session.';
$string['addoutcome'] = 'Ce qui sera fait';
$string['addoutcomecreated'] = 'Compte à créer : {$a}';
$string['addoutcomematched'] = 'Compte existant {$a}';
$string['addoutcomemerged'] = 'Fusionnée avec une ligne précédente';
$string['addoutcomeplanned'] = 'À ajouter';
$string['addoutcomepresent'] = 'A déjà une place : rien à faire';
$string['addparticipants'] = 'Ajouter des participants';
$string['addpreview'] = 'Aperçu : rien n\'est encore écrit';
$string['addprogress'] = 'Ajout des participants';
$string['addprogresschecking'] = 'Vérification de la liste de {$a} lignes';
$string['addprogressdelivering'] = 'Envoi des messages de bienvenue';
$string['addprogressfailed'] = 'L\'ajout a échoué ; les tâches planifiées du site le réessaieront.';
$string['addprogressqueued'] = 'En attente du démarrage de l\'ajout par les tâches d\'arrière-plan du site. Cette page se met à jour d\'elle-même.';
$string['addprogresswriting'] = 'Mise en place de {$a} places';
$string['addrows'] = 'Ajouter 3 lignes';
$string['addrunning'] = 'Un ajout de {$a} lignes est en cours : voir sa progression';
$string['addseats'] = 'Places : {$a->free} restantes, {$a->needed} nécessaires, {$a->left} restantes après';
$string['addsummary'] = '{$a->seats} places prises : {$a->created} comptes créés, {$a->matched} comptes existants ; {$a->present} lignes avaient déjà une place.';
$string['allsessions'] = 'Sessions de cours de tous les clients';
$string['attachedno'] = 'Non';
$string['attachedself'] = 'L\'opérateur';
$string['attachedyes'] = 'Oui';
$string['backtosession'] = 'Retour à la session';
$string['beneficiary'] = 'Bénéficiaire';
$string['clidelivered'] = 'Ligne de commande {$a->billitemid} : {$a->delivered} effets délivrés, {$a->pending} restant à délivrer ({$a->failed} en échec).';
$string['clideliverhelp'] = 'Liste les effets des mises en place de session encore à délivrer (événements, messages de bienvenue), ou les délivre.

Options :
--list           les lignes de commande ayant des effets à délivrer, et la dernière erreur de chacune
--billitemid=ID  délivrer les effets de cette ligne de commande
--all            délivrer les effets de toutes les lignes
-h, --help       cette aide

Exemple :
$ sudo -u www-data /usr/bin/php local/shop/datahandling/handlers/std_setuponecoursesession/cli/deliver_effects.php --list';
$string['clideliverynote'] = '  {$a->effect} : envoyé par le chemin de Moodle lui-même, à cause de {$a->reason}';
$string['clihelp'] = 'Affiche le plan de mise en place d\'une commande et, sans --dry-run, la produit.

Options :
--billid=ID     la facture local_shop (obligatoire)
--dry-run       montre seulement qui sera créé, retrouvé et inscrit, avec quels rôles
-h, --help      cette aide

Exemple :
$ sudo -u www-data /usr/bin/php local/shop/datahandling/handlers/std_setuponecoursesession/cli/setup_session.php --billid=42 --dry-run';
$string['cliline'] = 'Ligne de commande {$a->id} : cours {$a->course}, groupe « {$a->group} »';
$string['clinoitems'] = 'La facture {$a} n\'a aucune ligne produite par ce gestionnaire.';
$string['clipending'] = 'Ligne de commande {$a->billitemid} : {$a->pending} effets à délivrer, {$a->failed} en échec.';
$string['clipersoncreated'] = 'créer     {$a->account}  {$a->name} <{$a->email}>  rôles : {$a->roles}';
$string['clipersonmatched'] = 'retrouvé  {$a->account}  {$a->name} <{$a->email}>  rôles : {$a->roles}';
$string['clipersonsuspended'] = 'retrouvé  {$a->account} (suspendu)  {$a->name} <{$a->email}>  rôles : {$a->roles}';
$string['cliseats'] = '{$a->people} participants, {$a->used} sièges.';
$string['colaccess'] = 'Accès';
$string['colaccount'] = 'Compte';
$string['colattached'] = 'Rattaché à l\'opérateur';
$string['colenrolment'] = 'Inscription';
$string['coursename'] = 'Cours';
$string['customer'] = 'Client';
$string['customercreated'] = 'Un compte Moodle a été créé pour le client : {$a->username} (id {$a->id}). Son mot de passe est envoyé par le courriel planifié du site.';
$string['customercreatedpublic'] = 'Votre compte {$a} a été créé. Votre mot de passe vous parviendra dans un courriel séparé.';
$string['customermatched'] = 'Le client avait déjà un compte Moodle : id {$a->id} ({$a->email}). Il a été rattaché, sans modification.';
$string['effects'] = 'Notifications';
$string['effectsdelivered'] = 'Toutes envoyées';
$string['effectsfailed'] = '{$a->pending} à envoyer, {$a->failed} en échec';
$string['effectspending'] = '{$a->pending} à envoyer';
$string['enrolactive'] = 'Active';
$string['enrolsuspended'] = 'Suspendue';
$string['erroraddinvalid'] = '{$a} lignes de la liste sont invalides : personne n\'a été ajouté. Corrigez-les et prévisualisez à nouveau.';
$string['erroraddseats'] = 'La liste demande {$a->needed} places mais il en reste {$a->free} : personne n\'a été ajouté.';
$string['erroraddtaskunknown'] = 'Cet ajout est inconnu : il est peut-être terminé depuis longtemps.';
$string['errorconfiguration'] = 'Les paramètres du gestionnaire du produit sont incorrects : {$a}';
$string['errorcoursenotenrollable'] = 'Le cours {$a} n\'a aucune méthode d\'inscription manuelle active.';
$string['errorcoursenotexists'] = 'Le cours {$a} n\'existe pas (le paramètre coursename est le nom abrégé d\'un cours).';
$string['errorcustomeraccount'] = 'Le compte du client n\'a pas pu être recherché ou nommé : {$a}';
$string['errorcustomeremail'] = 'L\'adresse courriel du client « {$a} » n\'est pas valide : aucun compte ne peut être créé.';
$string['errordatabase'] = 'La session n\'a pas pu être mise en place ; rien n\'a été écrit. Erreur de base de données : {$a}';
$string['errordatabaseretried'] = 'La session n\'a pas pu être mise en place : la base de données l\'a refusée {$a->attempts} fois pour l\'instant (mises en place simultanées, ou certification d\'un nœud de cluster) ; rien n\'a été écrit, réessayez. Erreur de la base : {$a->error}';
$string['errordelegationrole'] = 'Le bloc « Délégation d\'administration » (block_user_delegation) rattache les responsables avec le rôle {$a}, qui n\'existe pas sur ce site : rien n\'a été mis en place. Choisissez un rôle existant dans le réglage corole du bloc, ou nommez le rôle croisé dans les paramètres du gestionnaire du produit (crossrole=...).';
$string['erroreffectspending'] = '{$a->pending} effets restent à délivrer ({$a->failed} en échec) : la tâche sera relancée.';
$string['errorlistcolumns'] = 'La première ligne a {$a} colonnes : une liste en a de 3 à 5 (nom, prénom, courriel, puis éventuellement rôle et ville).';
$string['errorlistempty'] = 'La liste est vide.';
$string['errorlistencoding'] = 'La liste n\'est pas un texte UTF-8 : enregistrez-la en « CSV UTF-8 » et recommencez.';
$string['errorlistheader'] = 'La ligne d\'en-tête nomme une colonne inconnue ou répétée : « {$a} » (connues : nom, prénom, courriel, rôle, ville).';
$string['errorlisttoolong'] = 'La liste a plus de {$a} lignes : découpez-la.';
$string['errorlocktimeout'] = 'Une autre mise en place de session est en cours sur ce site ; réessayez dans une minute.';
$string['errornativestore'] = 'Le réglage store vaut native, mais l\'extension n\'a pas de stockage natif pour cette base ({$a}) : choisissez auto ou dml.';
$string['errornoorderline'] = 'Cette ligne de commande n\'est pas une session de cours de cette boutique.';
$string['errornotarget'] = 'Le produit n\'a pas de cours cible : renseignez le paramètre coursename.';
$string['erroroperatormissing'] = 'Commande {$a} : le client n\'a pas de compte Moodle, ou il a été supprimé.';
$string['errorprivilegedrole'] = 'Le réglage privilegedroles désigne le rôle {$a}, qui n\'existe pas sur ce site.';
$string['errorreplicabehind'] = 'Les effets de cette ligne de commande ne sont pas encore appliqués : la réplique de la base que lit ce site n\'a pas reçu la mise en place après {$a} secondes ; la tâche réessaiera.';
$string['errorrole'] = 'Le rôle {$a} n\'existe pas sur ce site.';
$string['errorroster'] = '{$a->message}. {$a->details}';
$string['errorrosterline'] = '[{$a->bucket}] {$a->email} : {$a->field} {$a->reason}';
$string['errorstoresetting'] = 'Le réglage store vaut {$a} : il doit valoir auto, native ou dml.';
$string['errorunknownrole'] = 'rôle « {$a->role} » inconnu ; cette commande propose : {$a->allowed}';
$string['eventaccessresent'] = 'Accès renvoyé à un participant de session';
$string['feedbackeffectspending'] = '<p>{$a} notifications (messages de bienvenue, mises à jour du cours) sont en cours d\'envoi ; elles suivent dans quelques minutes.</p>';
$string['feedbackeffectssales'] = '<p>Effets : {$a->delivered} délivrés immédiatement, {$a->pending} laissés à la tâche planifiée ({$a->failed} en échec). Pour les voir ou les délivrer : cli/deliver_effects.php --list.</p>';
$string['feedbackprivate'] = '<p>Votre session de formation <b>{$a->course}</b> est en place : {$a->participants} participants dans le groupe « {$a->group} ».</p><p>Les participants qui n\'avaient pas de compte sur le site reçoivent leurs identifiants par courriel du site. Ceux qui en avaient déjà un le conservent.</p>';
$string['feedbackpublic'] = '<p>Votre session de formation <b>{$a->course}</b> est en place : {$a->participants} participants dans le groupe « {$a->group} ».</p>';
$string['feedbacksales'] = '<p><b>TXID : {$a->txid}</b> cours {$a->course} (id {$a->courseid}), groupe « {$a->group} » (id {$a->groupid}).</p><p>{$a->participants} participants sur {$a->seats} sièges : {$a->created} comptes créés, {$a->matched} comptes existants utilisés ; {$a->enrolled} inscrits, {$a->alreadyenrolled} déjà inscrits, {$a->extended} périodes d\'inscription prolongées ; {$a->roles} attributions de rôles, {$a->members} appartenances au groupe, {$a->products} produits enregistrés.</p>';
$string['field'] = 'Champ';
$string['handlername'] = 'Mise en place d\'une session de cours';
$string['mysessions'] = 'Mes sessions de cours';
$string['nativestoremissing'] = 'La base de ce site est PostgreSQL, mais l\'extension shopsetup a été compilée sans libpq : les mises en place de sessions passent par le stockage plus lent sur le $DB de Moodle. Installez libpq-dev, recompilez et réinstallez l\'extension (ou son paquet Debian, qui l\'inclut).';
$string['nativestores'] = 'Stockages natifs de l\'extension : {$a}';
$string['noend'] = 'sans fin';
$string['nosessions'] = 'Aucune session de cours n\'a été achetée avec ce compte.';
$string['order'] = 'Commande';
$string['participantfile'] = 'Ou un fichier CSV';
$string['participantlist'] = 'Coller une liste';
$string['participantlist_help'] = 'Une personne par ligne : nom, prénom, courriel, puis éventuellement rôle (apprenant ou tuteur) et ville. Séparez par des virgules, des points-virgules ou des tabulations (copie d\'un tableur). Une première ligne de noms de colonnes (nom, prénom, courriel, rôle, ville, ou lastname, firstname, email, role, city) est facultative.';
$string['participantno'] = 'Participant {no}';
$string['participantscaption'] = 'Les participants de la session, une ligne par place';
$string['period'] = 'Période';
$string['pluginname'] = 'Mise en place d\'une session de cours';
$string['privacy:metadata:local_shop_product'] = 'Un produit par siège d\'une session de cours, enregistré dans la boutique.';
$string['privacy:metadata:local_shop_product:enddate'] = 'La fin de l\'inscription du participant.';
$string['privacy:metadata:local_shop_product:instanceid'] = 'L\'inscription du participant.';
$string['privacy:metadata:local_shop_product:productiondata'] = 'Le cours, l\'identifiant, le rôle et la période d\'inscription du participant.';
$string['privacy:metadata:local_shop_product:reference'] = 'La référence du produit.';
$string['privacy:metadata:local_shop_product:startdate'] = 'Le début de l\'inscription du participant.';
$string['privacy:metadata:preference:accessresends'] = 'Quand l\'utilisateur a renvoyé l\'accès à des participants dans la dernière heure (une limite par heure).';
$string['privacy:metadata:preference:accessresent'] = 'Quand l\'accès a été renvoyé au participant pour la dernière fois (au plus une fois par heure).';
$string['privacy:metadata:shophandlers_setup_outbox'] = 'Ce qui reste à faire pour un participant après la mise en place d\'une session (événements, message de bienvenue), jusqu\'à ce que ce soit fait.';
$string['privacy:metadata:shophandlers_setup_outbox:kind'] = 'Ce qui reste à faire.';
$string['privacy:metadata:shophandlers_setup_outbox:timecreated'] = 'Quand la session a été mise en place.';
$string['privacy:metadata:shophandlers_setup_outbox:userid'] = 'Le participant.';
$string['reason'] = 'Raison';
$string['role'] = 'Rôle';
$string['roleunknown'] = 'Participant (rôle non enregistré)';
$string['row'] = 'Ligne';
$string['rowfile'] = 'Ligne {$a} du fichier';
$string['rowform'] = 'Ligne {$a} du formulaire';
$string['rowlist'] = 'Ligne {$a} de la liste';
$string['seatsassigned'] = 'Places prises';
$string['seatsbought'] = 'Places achetées';
$string['seatsfree'] = 'Places restantes';
$string['session'] = 'Session de cours {$a}';
$string['sessionlink'] = 'Session de cours « {$a} » : ses participants et ses places';
$string['sessionsof'] = 'Sessions de cours de {$a}';
$string['shopsetuprequired'] = 'L\'extension PHP shopsetup est requise par le gestionnaire de sessions de cours et n\'est pas chargée. Installez-la (README, « Install »), chargez-la dans le PHP du serveur web et de la ligne de commande (extension=shopsetup), puis redémarrez PHP.';
$string['shopsetuptooold'] = 'L\'extension PHP shopsetup chargée est en version {$a->found} ; le gestionnaire de sessions de cours demande la {$a->required} ou plus récente. Installez l\'extension de cette version (README, « Install »), puis redémarrez PHP.';
$string['shopsetuptoooldenv'] = 'L\'extension PHP shopsetup est plus ancienne que ne le demande le gestionnaire de sessions de cours. Installez l\'extension de cette version (README, « Install »), puis redémarrez PHP.';
$string['std_setuponecoursesession:manageallsessions'] = 'Ajouter des personnes aux sessions de cours de tous les clients';
$string['std_setuponecoursesession:viewallsessions'] = 'Voir les sessions de cours de tous les clients';
$string['tasksweepoutbox'] = 'Relancer la livraison des effets de sessions de cours restés sans tâche';
$string['unsupervised_categoryrole'] = 'détient un rôle dans une catégorie de cours';
$string['unsupervised_existing'] = 'les comptes existants ne sont pas rattachés : superviseexisting=none';
$string['unsupervised_listedrole'] = 'détient un rôle listé dans le réglage privilegedroles';
$string['unsupervised_siteadmin'] = 'un administrateur du site';
$string['unsupervised_systemrole'] = 'détient un rôle au niveau système';
$string['warningambiguous'] = 'Plusieurs comptes utilisent {$a->email} (ids {$a->ids}) : le compte {$a->chosen} a été utilisé.';
$string['warningconfiguration'] = 'Paramètres du gestionnaire : {$a}';
$string['warningmerged'] = '{$a->email} : {$a->message}';
$string['warningnocustomerrole'] = 'Le rôle « customer » n\'existe pas : l\'opérateur a été inscrit au cours de support comme étudiant seulement.';
$string['warningnoseats'] = 'Le produit ne vend aucun siège (quantaddressesusers vaut 0) : seul le client sera inscrit.';
$string['warningsupportcourse'] = 'Le cours de support client {$a} n\'existe pas : l\'opérateur n\'y a pas été inscrit.';
$string['warningsupportnotenrollable'] = 'Le cours de support client {$a} n\'a pas d\'inscription manuelle active : l\'opérateur n\'y a pas été inscrit.';
$string['warningsuspended'] = 'Le compte de {$a} est suspendu : il a été inscrit, mais ne peut pas se connecter avant d\'être réactivé.';
$string['warningunsupervised'] = 'L\'opérateur n\'a pas été rattaché au compte existant de {$a->email} ({$a->reason}) : le compte est inscrit et dans le groupe, sans rôles croisés.';
