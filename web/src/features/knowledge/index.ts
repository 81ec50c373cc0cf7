/** The knowledge feature: files and knowledge bases. Other features import only from here. */
export { useKnowledgeBases } from './api/knowledge-bases.ts'
export { KnowledgePage } from './components/knowledge-page.tsx'
