// What validation gives: the records and catalogues as their schemas type them, or the problems.
import type { LoadedFile } from '../load/index.js';
import type { ActionRecord, Booklet, LabelCatalogue, Programme, SdgGoals } from '../schema/index.js';
import type { Lang } from '../text/index.js';
import type { Problem } from '../problems.js';
import type { ValidFactsheets } from './factsheet.js';

export interface ValidAction {
  id: string;
  file: string;
  record: ActionRecord;
  languages: Lang[];
  /** Where a field is written, for problems found after validation (fonts, fitting). */
  positionOf?: LoadedFile['positionOf'];
}

export interface ValidData {
  programme: Programme;
  goals: SdgGoals;
  targetLabels: LabelCatalogue;
  recommendations: LabelCatalogue;
  countries: LabelCatalogue;
  actions: ValidAction[];
  /** Project factsheets (data/factsheets/), see ./factsheet.ts. */
  factsheets: ValidFactsheets;
  /** The booklets' settings (data/booklet.yaml), when the project has one. */
  booklet?: Booklet;
}

export interface Validation {
  data?: ValidData; // present when there is no error
  problems: Problem[];
}
