// The workflows feature's public surface: the list and the page of one workflow (the app's routes use them).
export { NewWorkflowButton, WorkflowList } from './components/workflow-list.tsx'
export { NewWorkflowPage, WorkflowPage } from './components/workflow-page.tsx'
