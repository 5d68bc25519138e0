import type { GeometryCollection, Topology } from 'topojson-specification';

/** The properties each region carries: its CBS code (`JZ21`) and name (`Food Valley`). */
export interface JeugdregioProperties {
  statcode: string;
  statnaam: string;
}

export type JeugdregioTopology = Topology<{ jeugdregio_2025: GeometryCollection<JeugdregioProperties> }>;

declare const topology: JeugdregioTopology;
export default topology;
