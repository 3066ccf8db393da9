import { Matrix } from '../core/matrix.js';
import * as breastCancer from './data/breastCancer.js';
import * as iris from './data/iris.js';
import * as wine from './data/wine.js';

/** A bundled dataset, shaped like scikit-learn's `Bunch`. */
export interface Dataset {
  /** n × d features. */
  readonly X: Matrix;
  /** Class index of every row, into `targetNames` (scikit-learn's integer coding). */
  readonly y: number[];
  readonly featureNames: string[];
  readonly targetNames: string[];
}

interface Source {
  featureNames: readonly string[];
  targetNames: readonly string[];
  values: string;
  target: string;
}

function load(src: Source): Dataset {
  const lines = src.values.split('\n').filter((l) => l.length > 0);
  const d = src.featureNames.length;
  const X = new Matrix(lines.length, d);
  lines.forEach((line, i) => {
    const cells = line.split(',');
    for (let j = 0; j < d; j++) X.data[i * d + j] = Number(cells[j]);
  });
  const y = Array.from(src.target, (c) => Number(c));
  return { X, y, featureNames: [...src.featureNames], targetNames: [...src.targetNames] };
}

/**
 * Wisconsin diagnostic breast cancer: 569 × 30, y = 0 (malignant, 212) or 1 (benign, 357), as
 * scikit-learn's `load_breast_cancer`. UCI, CC BY 4.0; see data/breast-cancer/README.md.
 * Cost: parses 17,070 numbers on each call.
 */
export function loadBreastCancer(): Dataset {
  return load(breastCancer);
}

/** Fisher's iris: 150 × 4, three species of 50. UCI, CC BY 4.0; see data/iris/README.md. */
export function loadIris(): Dataset {
  return load(iris);
}

/** Wine recognition: 178 × 13, three cultivars. UCI, CC BY 4.0; see data/wine/README.md. */
export function loadWine(): Dataset {
  return load(wine);
}
