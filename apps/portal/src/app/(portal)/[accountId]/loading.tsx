import { SkeletonLines } from '@/components/ui/skeleton';

export default function PortalLoading() {
  return (
    <section className="card">
      <SkeletonLines lines={6} label="Loading page" />
    </section>
  );
}
