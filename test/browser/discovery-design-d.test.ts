import { describeDiscovery } from './discovery-matrix';

describeDiscovery('d');
