import { describeDiscovery } from './discovery-matrix';

describeDiscovery('c');
