import { DirectoryProjection } from './queries/directory/directory.projection';

/** staff: windows, posts and staff members (窗口、岗位、人员). */

/** The staff directory's read model. */
export const staffProjections = () => [new DirectoryProjection()];
