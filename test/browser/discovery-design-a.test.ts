import { describeDiscovery } from './discovery-matrix';

describeDiscovery('a');
