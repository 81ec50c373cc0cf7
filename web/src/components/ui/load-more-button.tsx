/** "Load more" under a list read page by page (react-query's useInfiniteQuery); shown only while pages remain. */
import { useTranslation } from 'react-i18next'
import { Button } from './button.tsx'

export function LoadMoreButton({ query }: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> }
}) {
  const { t } = useTranslation()
  if (!query.hasNextPage) return null
  return (
    <Button
      variant='outline'
      size='sm'
      className='mt-3'
      loading={query.isFetchingNextPage}
      onClick={() => void query.fetchNextPage()}
    >
      {t('common.loadMore')}
    </Button>
  )
}
