import { portico } from '@portico/eslint-config';

export default portico(import.meta.dirname);
