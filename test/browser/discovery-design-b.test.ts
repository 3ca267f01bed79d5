import { describeDiscovery } from './discovery-matrix';

describeDiscovery('b');
