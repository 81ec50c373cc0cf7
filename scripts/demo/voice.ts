/**
 * The demo tenant's voice data, so a newcomer's first `npm start` shows a working product: Cabinet Dupont
 * connects its (sandbox) Vapi account, uploads its FAQ into a knowledge base, gets two assistants (one from the
 * doctor's template, active), a four-step workflow and a French number from the pool answered by the
 * receptionist. Everything goes through the product's own API as the demo user — the same path a user's
 * clicks take — so the sandbox's organisation and our tables agree. Runs once: it does nothing when the demo
 * tenant already has assistants.
 */
import { assistantsContract } from '../../shared/contracts/assistants.ts'
import { filesContract } from '../../shared/contracts/files.ts'
import { knowledgeBasesContract } from '../../shared/contracts/knowledge-bases.ts'
import { phoneNumbersContract } from '../../shared/contracts/phone-numbers.ts'
import { type BoundRoute, functionPath } from '../../shared/contracts/route.ts'
import { settingsContract } from '../../shared/contracts/settings.ts'
import { tenantsContract } from '../../shared/contracts/tenants.ts'
import { workflowsContract } from '../../shared/contracts/workflows.ts'

export const DEMO_LOGIN = { email: 'demo@switchboard.local', password: 'switchboard-demo' } as const
export const DEMO_TENANT_SLUG = 'cabinet-dupont'
/**
 * The demo organisation's keys in the sandbox, shaped like Vapi's (UUIDs); any key not beginning with
 * `invalid` is an organisation there.
 */
export const DEMO_VAPI_KEYS = {
  private: '5e0c9a41-7b2d-4f3e-a1c8-d300c0ffee01',
  public: '9b8f6d2c-41e7-4a05-b3c9-0de7c0ffee02',
} as const

const FAQ = `# Cabinet Dupont — questions fréquentes

## Horaires
Du lundi au vendredi, 8 h 30 – 12 h 30 et 14 h – 19 h. Le samedi matin, 9 h – 12 h, sur rendez-vous uniquement.

## Consultations
- Consultation de médecine générale : 30 €, 20 minutes, secteur 1, carte Vitale acceptée.
- Téléconsultation possible pour les patients déjà suivis.
- Visites à domicile pour les patients de plus de 75 ans ne pouvant se déplacer.

## Urgences
En cas de douleur thoracique, de difficulté à respirer ou de perte de connaissance, appelez le 15.
Hors horaires d'ouverture : la maison médicale de garde, 12 rue des Lilas, ouvre le soir et le week-end.

## Accès
3 place de la République, 2e étage avec ascenseur. Parking public à 100 m. Métro République (lignes 3, 5, 8, 9, 11).

## Documents
Apportez votre carte Vitale, votre mutuelle et vos derniers comptes rendus. Les ordonnances renouvelables
peuvent être demandées par téléphone ; elles sont prêtes sous 48 heures.
`

interface Session {
  functionsUrl: string
  headers: Record<string, string>
}

async function call<T = Record<string, unknown>>(
  session: Session,
  route: BoundRoute,
  args: { params?: Record<string, unknown>; body?: unknown; form?: FormData } = {},
): Promise<T> {
  const res = await fetch(`${session.functionsUrl}/${functionPath(route, args)}`, {
    method: route.method,
    headers: args.form ? session.headers : { ...session.headers, 'content-type': 'application/json' },
    body: args.form ?? (args.body === undefined ? undefined : JSON.stringify(args.body)),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${route.method} ${route.fn}${route.path} answered ${res.status}: ${text}`)
  return (text ? JSON.parse(text) : undefined) as T
}

export interface DemoVoiceOptions {
  apiUrl: string
  anonKey: string
  /** Who signs in and which of their tenants gets the data (the seed's demo user and tenant by default). */
  login?: { email: string; password: string }
  tenantSlug?: string
  vapiKeys?: { private: string; public: string }
}

/** Seeds the demo tenant's voice data unless it has some; returns what it did. */
export async function seedDemoVoice(options: DemoVoiceOptions): Promise<'seeded' | 'already seeded'> {
  const token = await fetch(`${options.apiUrl}/auth/v1/token?grant_type=password`, {
    method: 'POST',
    headers: { apikey: options.anonKey, 'content-type': 'application/json' },
    body: JSON.stringify(options.login ?? DEMO_LOGIN),
  }).then(async (res) => {
    if (!res.ok) throw new Error(`demo sign-in answered ${res.status}`)
    return (await res.json()).access_token as string
  })
  const user: Session = {
    functionsUrl: `${options.apiUrl}/functions/v1`,
    headers: { apikey: options.anonKey, authorization: `Bearer ${token}` },
  }
  const tenants = await call<{ items: { id: string; slug: string }[] }>(user, tenantsContract.routes.list)
  const slug = options.tenantSlug ?? DEMO_TENANT_SLUG
  const tenant = tenants.items.find((t) => t.slug === slug)
  if (!tenant) throw new Error(`the demo tenant ${slug} is missing`)
  const keys = options.vapiKeys ?? DEMO_VAPI_KEYS
  const demo: Session = { ...user, headers: { ...user.headers, 'x-tenant-id': tenant.id } }

  const vapi = await call<{ has_vapi_key: boolean }>(demo, settingsContract.routes.getVapi)
  if (vapi.has_vapi_key) {
    const existing = await call<{ items: unknown[] }>(demo, assistantsContract.routes.list)
    if (existing.items.length > 0) return 'already seeded'
  }

  await call(demo, settingsContract.routes.saveVapiKey, { body: { vapi_api_key: keys.private } })
  await call(demo, settingsContract.routes.saveVapiPublicKey, {
    body: { vapi_public_key: keys.public },
  })

  const form = new FormData()
  form.append('file', new File([FAQ], 'faq-cabinet-dupont.md', { type: 'text/markdown' }))
  const file = await call<{ id: string }>(demo, filesContract.routes.upload, { form })
  const kb = await call<{ id: string }>(demo, knowledgeBasesContract.routes.create, {
    body: {
      name: 'FAQ du cabinet',
      description: 'Horaires, tarifs, accès, urgences et documents à apporter',
    },
  })
  await call(demo, knowledgeBasesContract.routes.attachFile, {
    params: { id: kb.id },
    body: { file_id: file.id },
  })

  const receptionist = await call<{ id: string }>(demo, assistantsContract.routes.create, {
    body: {
      name: 'Accueil Cabinet Dupont',
      language: 'fr',
      from_template: true,
      voice: { provider: '11labs', voice_id: 'sarah', model: 'eleven_multilingual_v2' },
      end_call_phrases: ['Au revoir et bonne journée', 'Bonne journée, au revoir'],
      summary_prompt: "Résume l'appel en deux phrases : qui appelle, pourquoi, et ce qui a été convenu.",
      structured_data_schema: {
        type: 'object',
        properties: {
          caller_name: { type: 'string', description: "Nom et prénom de l'appelant" },
          reason: { type: 'string', description: "Motif de l'appel" },
          preferred_date: { type: 'string', description: 'Date et heure souhaitées pour le rendez-vous' },
          urgent: { type: 'boolean', description: "L'appelant décrit-il une urgence ?" },
        },
        required: ['caller_name', 'reason'],
      },
      knowledge_base_id: kb.id,
    },
  })
  await call(demo, assistantsContract.routes.create, {
    body: {
      name: 'Hors horaires',
      language: 'fr',
      first_message: 'Bonjour, le cabinet du docteur Dupont est fermé. Je peux prendre un message.',
      system_prompt: [
        'Tu réponds au téléphone du cabinet du docteur Claire Dupont, médecin généraliste, en dehors des horaires.',
        "Le cabinet est fermé : prends le nom, le numéro et le motif de l'appelant pour un rappel le jour ouvré",
        'suivant. En cas de douleur thoracique, de difficulté à respirer ou de perte de connaissance, dis',
        "d'appeler immédiatement le 15. Ne donne jamais d'avis médical. Sois bref, calme et chaleureux.",
      ].join(' '),
      summary_prompt: 'Résume le message laissé : qui, quel numéro, quel motif, quelle urgence.',
      knowledge_base_id: kb.id,
    },
  })

  await call(demo, workflowsContract.routes.create, {
    body: {
      name: 'Prise de rendez-vous',
      description: 'Accueil, qualification, réservation, et transfert au secrétariat si besoin',
      steps: [
        {
          name: 'Accueil',
          first_message: 'Cabinet du docteur Dupont, bonjour ! Que puis-je faire pour vous ?',
          system_prompt: "Accueille l'appelant et comprends ce qu'il souhaite, sans donner d'avis médical.",
          handoffs: [
            { to_step: 'Qualification', condition: "L'appelant veut un rendez-vous" },
            {
              to_step: 'Secrétariat',
              condition: "L'appelant veut parler à quelqu'un ou la demande est complexe",
            },
          ],
        },
        {
          name: 'Qualification',
          system_prompt:
            "Demande le nom, la date de naissance et le motif de consultation. S'il s'agit d'une urgence vitale, dis d'appeler le 15.",
          handoffs: [{ to_step: 'Réservation', condition: 'Le nom et le motif sont connus' }],
        },
        {
          name: 'Réservation',
          system_prompt:
            'Propose un créneau du lundi au vendredi (8 h 30 – 12 h 30, 14 h – 19 h) et confirme-le en le répétant.',
          handoffs: [{ to_step: 'Secrétariat', condition: "Aucun créneau ne convient à l'appelant" }],
        },
        {
          name: 'Secrétariat',
          first_message: 'Je vous passe le secrétariat, un instant.',
          system_prompt: "Annonce le transfert au secrétariat et transfère l'appel.",
          transfer_number: '+33612345678',
        },
      ],
    },
  })

  const number = await call<{ id: string }>(demo, phoneNumbersContract.routes.create, {
    body: { source: 'pool', name: 'Ligne principale' },
  })
  await call(demo, phoneNumbersContract.routes.update, {
    params: { id: number.id },
    body: { assistant_id: receptionist.id },
  })
  await call(demo, assistantsContract.routes.activate, { params: { id: receptionist.id } })
  return 'seeded'
}
