import type { ImagePanelData } from '@portico/domain';
import styles from '../dashboards.module.css';

/** An image a provider rendered on the server, shown as an `<img>` (an SVG in an image runs no script). */
export function ImagePanel({ data }: { data: ImagePanelData }) {
  const src =
    data.mediaType === 'image/svg+xml'
      ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(data.body)}`
      : `data:image/png;base64,${data.body}`;
  return (
    <div className={styles.image}>
      <img src={src} width={data.width} height={data.height} alt={data.alt} data-testid="panel-image" />
    </div>
  );
}
