// The numbers feature's public surface: the Phone numbers page.
export { NumbersPage } from './components/numbers-page.tsx'
